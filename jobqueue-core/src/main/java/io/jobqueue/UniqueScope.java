package io.jobqueue;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a message's unique key keeps a second message with the same key out of its queue (see
 * {@link SubmitOptions#withUniqueKey(String, UniqueScope)}). The scope is the holder's: a later
 * submit with the key is a duplicate while the message that holds it is still in its scope.
 *
 * <ul>
 *   <li>{@link #QUEUED}: while the message is ready or delayed (a retry put back counts); once a worker
 *       reserved it, a new message with the key may be submitted.</li>
 *   <li>{@link #ACTIVE} (the default): while it is ready, delayed or reserved; it ends when the message
 *       is finished, failed or cancelled.</li>
 *   <li>{@link #forPeriod(Duration)}: for that long after the submit, whatever happened to the message
 *       (finished or failed included); only {@code flush} ends it early.</li>
 * </ul>
 *
 * <p>Its text form, carried in the header {@link io.jobqueue.spi.Headers#UNIQUE_SCOPE}, is
 * {@code queued}, {@code active} or {@code period:} and the period's ISO-8601 form ({@code period:PT1H}).
 */
public final class UniqueScope {

    /** The kinds of scope. */
    public enum Kind {
        /** Ready or delayed. */
        QUEUED,
        /** Ready, delayed or reserved. */
        ACTIVE,
        /** A period after the submit. */
        PERIOD
    }

    /** While ready or delayed. */
    public static final UniqueScope QUEUED = new UniqueScope(Kind.QUEUED, Duration.ZERO);
    /** While ready, delayed or reserved: the default. */
    public static final UniqueScope ACTIVE = new UniqueScope(Kind.ACTIVE, Duration.ZERO);
    /** The longest period: 366 days. */
    public static final Duration MAX_PERIOD = Duration.ofDays(366);

    private final Kind kind;
    private final Duration period;

    private UniqueScope(Kind kind, Duration period) {
        this.kind = kind;
        this.period = period;
    }

    /**
     * For this long after the submit, whatever happens to the message.
     *
     * @throws IllegalArgumentException when the period is null, not positive or longer than {@link #MAX_PERIOD}
     */
    public static UniqueScope forPeriod(Duration period) {
        if (period == null || period.isNegative() || period.isZero() || period.compareTo(MAX_PERIOD) > 0) {
            throw new IllegalArgumentException("the period of a unique key must be more than 0 and at most 366 days, was " + period);
        }
        return new UniqueScope(Kind.PERIOD, period);
    }

    /**
     * Reads the text form ({@code queued}, {@code active}, {@code period:PT1H}).
     *
     * @throws IllegalArgumentException naming the text when it is none of them
     */
    public static UniqueScope parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a unique scope is null; give queued, active or period:PT1H");
        }
        String trimmed = text.trim();
        if (trimmed.equals("queued")) {
            return QUEUED;
        }
        if (trimmed.equals("active")) {
            return ACTIVE;
        }
        if (trimmed.startsWith("period:")) {
            try {
                return forPeriod(Duration.parse(trimmed.substring("period:".length())));
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("unique scope '" + text + "' has no ISO-8601 period after 'period:' (for example period:PT1H)");
            }
        }
        throw new IllegalArgumentException("unknown unique scope '" + text + "'; give queued, active or period:PT1H");
    }

    /** Which kind of scope. */
    public Kind kind() {
        return kind;
    }

    /** The period of a {@link Kind#PERIOD} scope; zero for the others. */
    public Duration period() {
        return period;
    }

    /** The text form, as {@link #parse} reads it. */
    @Override
    public String toString() {
        return switch (kind) {
            case QUEUED -> "queued";
            case ACTIVE -> "active";
            case PERIOD -> "period:" + period;
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UniqueScope that && kind == that.kind && period.equals(that.period);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, period);
    }
}
