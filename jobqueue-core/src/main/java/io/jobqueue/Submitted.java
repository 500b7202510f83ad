package io.jobqueue;

import java.util.Objects;

/**
 * What a submit did with one message: its id, and whether it was a duplicate of a message that
 * holds the same unique key, in which case nothing was stored and the id is the existing message's.
 *
 * @param id        the id of the new message, or of the existing one for a duplicate
 * @param duplicate true when a message with the same unique key was already in its scope
 */
public record Submitted(String id, boolean duplicate) {

    public Submitted {
        Objects.requireNonNull(id, "id");
    }

    /** A message that was stored. */
    public static Submitted stored(String id) {
        return new Submitted(id, false);
    }

    /** A duplicate of the message with this id. */
    public static Submitted duplicateOf(String id) {
        return new Submitted(id, true);
    }
}
