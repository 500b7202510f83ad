package io.jobqueue.beanstalkd.internal;

import io.jobqueue.ConfigurationException;
import java.nio.charset.StandardCharsets;

/**
 * Checks that a queue name can be a beanstalkd tube name, and that its index tube
 * ({@code <name>.jq-failed}) can be one too: letters, digits and {@code - + / ; . $ _ ( )} (the
 * protocol document omits {@code _}, the server accepts it), not starting with a hyphen, at most
 * 200 bytes with the suffix.
 */
public final class TubeNames {

    private static final int MAX_BYTES = 200;

    private TubeNames() {
    }

    /** Throws a {@link ConfigurationException} naming the queue when it cannot be a tube. */
    public static void check(String name) {
        String problem = problem(name);
        if (problem != null) {
            throw new ConfigurationException("queue '" + name + "' cannot be a beanstalkd tube: " + problem);
        }
    }

    private static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "the name is empty";
        }
        if (name.startsWith("-")) {
            return "a tube name must not start with '-'";
        }
        if (name.endsWith(FailedStore.INDEX_SUFFIX)) {
            return "names ending in '" + FailedStore.INDEX_SUFFIX + "' are the index tubes of failed messages";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-+/;.$_()".indexOf(c) >= 0;
            if (!ok) {
                return "character '" + c + "' is not allowed (only letters, digits and - + / ; . $ _ ( ))";
            }
        }
        int bytes = (name + FailedStore.INDEX_SUFFIX).getBytes(StandardCharsets.US_ASCII).length;
        if (bytes > MAX_BYTES) {
            return "it is " + name.length() + " characters long; at most " + (MAX_BYTES - FailedStore.INDEX_SUFFIX.length())
                    + " fit (with the suffix '" + FailedStore.INDEX_SUFFIX + "' of its failed-message index)";
        }
        return null;
    }
}
