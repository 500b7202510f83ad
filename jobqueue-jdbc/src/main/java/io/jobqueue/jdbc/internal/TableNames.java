package io.jobqueue.jdbc.internal;

import io.jobqueue.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Table and index names: the default table of a queue, the check that a configured name is a plain
 * SQL identifier (so no SQL can be injected through configuration), and index names that stay within
 * the 63 characters PostgreSQL keeps.
 */
public final class TableNames {

    /** The prefix of every default table name. */
    public static final String DEFAULT_PREFIX = "jobqueue_messages_";

    /** The longest identifier all three databases keep unchanged (PostgreSQL truncates past 63). */
    public static final int MAX_LENGTH = 63;

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private TableNames() {
    }

    /**
     * {@code jobqueue_messages_<queue name>} in lower case with every character that cannot appear
     * in an identifier mapped to {@code _}; a name that would be too long keeps its start and gets
     * a short hash of the full name, so two long queue names do not share a table.
     */
    public static String defaultFor(String queueName) {
        String cleaned = queueName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String name = DEFAULT_PREFIX + cleaned;
        if (name.length() <= MAX_LENGTH) {
            return name;
        }
        String hash = hash(queueName);
        return name.substring(0, MAX_LENGTH - hash.length() - 1) + "_" + hash;
    }

    /**
     * Returns the configured table name when it is a plain identifier.
     *
     * @param queueName the queue, for the message; null when not known
     * @throws ConfigurationException naming the queue, the value and the rule
     */
    public static String validate(String tableName, String queueName) {
        if (tableName == null || !IDENTIFIER.matcher(tableName).matches()) {
            String queue = queueName == null ? "" : " for queue '" + queueName + "'";
            throw new ConfigurationException("option 'tableName'" + queue + " must be a plain SQL identifier (a letter"
                    + " or _, then up to 62 letters, digits or _), was '" + tableName + "'");
        }
        return tableName;
    }

    /** An index name for the table: {@code <table>_<suffix>}, or a hashed form when that is too long. */
    public static String index(String table, String suffix) {
        String name = table + "_" + suffix;
        if (name.length() <= MAX_LENGTH) {
            return name;
        }
        return "jobqueue_" + hash(table) + "_" + suffix;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
