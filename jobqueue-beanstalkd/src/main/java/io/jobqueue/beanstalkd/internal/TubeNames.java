package io.jobqueue.beanstalkd.internal;

import io.jobqueue.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Checks that a queue name can be a beanstalkd tube name, and that its side tubes (the index of
 * failed messages {@code <name>.jq-failed}, the ownership mark {@code <name>.jq-owner}) can be
 * too: letters, digits and {@code - + / ; . $ _ ( )} (the protocol document omits {@code _}, the
 * server accepts it), not starting with a hyphen, at most 200 bytes with the longest suffix.
 *
 * <p>Two names are refused because their tube is not the queue's to take: {@code default}, the
 * tube every beanstalkd client puts into and reserves from until it says otherwise, and names that
 * end in a side-tube suffix (another queue's side tube). Names are taken as they are: beanstalkd
 * compares tube names byte for byte, so {@code Mail} and {@code mail} are two tubes, and so is
 * {@code Default}.
 */
public final class TubeNames {

    /** Appended to a queue's tube name to name the tube that holds its ownership mark. */
    public static final String OWNER_SUFFIX = ".jq-owner";
    /** beanstalkd's tube for clients that name none. */
    public static final String DEFAULT_TUBE = "default";

    private static final int MAX_BYTES = 200;
    private static final List<String> SIDE_SUFFIXES = List.of(FailedStore.INDEX_SUFFIX, OWNER_SUFFIX);
    private static final int LONGEST_SUFFIX = SIDE_SUFFIXES.stream().mapToInt(String::length).max().orElse(0);

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
        if (name.equals(DEFAULT_TUBE)) {
            return "'default' is beanstalkd's shared tube, where every client that names no tube puts its jobs and"
                    + " reserves from, so its jobs are not this queue's; give the queue another name, or a queueNamePrefix"
                    + " (e.g. 'myapp-')";
        }
        for (String suffix : SIDE_SUFFIXES) {
            if (name.endsWith(suffix)) {
                return "names ending in '" + suffix + "' are the side tubes of another queue (the index of its failed"
                        + " messages, '" + FailedStore.INDEX_SUFFIX + "', and its ownership mark, '" + OWNER_SUFFIX + "')";
            }
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-+/;.$_()".indexOf(c) >= 0;
            if (!ok) {
                return "character '" + c + "' is not allowed (only letters, digits and - + / ; . $ _ ( ))";
            }
        }
        int bytes = name.getBytes(StandardCharsets.US_ASCII).length + LONGEST_SUFFIX;
        if (bytes > MAX_BYTES) {
            return "it is " + name.length() + " characters long; at most " + (MAX_BYTES - LONGEST_SUFFIX)
                    + " fit (with the suffix '" + FailedStore.INDEX_SUFFIX + "' of its failed-message index)";
        }
        return null;
    }
}
