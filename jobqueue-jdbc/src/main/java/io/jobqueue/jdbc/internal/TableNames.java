package io.jobqueue.jdbc.internal;

import io.jobqueue.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Table and index names: the default table of a queue, the check that a configured name is a plain
 * SQL identifier that is not a system name (so no SQL can be injected through configuration and no
 * catalog is ever named), and index names that stay within the 63 characters PostgreSQL keeps.
 *
 * <p>Default names are one-to-one: a queue name made of lower-case letters, digits and single
 * inner underscores keeps {@code jobqueue_messages_<name>} (the name earlier versions used); every
 * other name, and every name too long for 63 characters, gets its readable part followed by
 * {@code __} and a hash of the exact name. Plain names never contain {@code __}, so the two kinds
 * never meet, and two names that differ only in case, punctuation or script get different tables.
 */
public final class TableNames {

    /** The prefix of every default table name. */
    public static final String DEFAULT_PREFIX = "jobqueue_messages_";

    /** The longest identifier all three databases keep unchanged (PostgreSQL truncates past 63). */
    public static final int MAX_LENGTH = 63;

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    /** Queue names that are their own table suffix: no upper case, no leading, trailing or double underscore. */
    private static final Pattern PLAIN_QUEUE_NAME = Pattern.compile("[a-z0-9]+(?:_[a-z0-9]+)*");
    private static final int HASH_BYTES = 6;

    /** Table names of the databases' own catalogs, refused whatever the case. */
    private static final Set<String> SYSTEM_NAMES = Set.of("information_schema", "mysql", "performance_schema", "sys");
    private static final List<String> SYSTEM_PREFIXES = List.of("pg_", "sqlite_");

    private TableNames() {
    }

    /**
     * {@code jobqueue_messages_<queue name>} for a plain queue name; otherwise the name in lower case
     * with every other character mapped to {@code _}, then {@code __} and a hash of the exact name.
     */
    public static String defaultFor(String queueName) {
        String plain = DEFAULT_PREFIX + queueName;
        if (PLAIN_QUEUE_NAME.matcher(queueName).matches() && plain.length() <= MAX_LENGTH) {
            return plain;
        }
        String readable = queueName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        String suffix = "__" + hash(queueName, HASH_BYTES);
        String name = DEFAULT_PREFIX + readable;
        return name.substring(0, Math.min(name.length(), MAX_LENGTH - suffix.length())) + suffix;
    }

    /**
     * Returns the configured table name when it is a plain identifier and no system name.
     *
     * @param queueName the queue, for the message; null when not known
     * @throws ConfigurationException naming the queue, the value and the rule
     */
    public static String validate(String tableName, String queueName) {
        String queue = queueName == null ? "" : " for queue '" + queueName + "'";
        if (tableName == null || !IDENTIFIER.matcher(tableName).matches()) {
            throw new ConfigurationException("option 'tableName'" + queue + " must be a plain SQL identifier (a letter"
                    + " or _, then up to 62 letters, digits or _), was '" + tableName + "'");
        }
        String lower = tableName.toLowerCase(Locale.ROOT);
        if (SYSTEM_NAMES.contains(lower) || SYSTEM_PREFIXES.stream().anyMatch(lower::startsWith)) {
            throw new ConfigurationException("option 'tableName'" + queue + " is '" + tableName + "', a name the database"
                    + " keeps for its own catalog (" + String.join("*, ", SYSTEM_PREFIXES) + "*, "
                    + String.join(", ", new TreeSet<>(SYSTEM_NAMES)) + "); a queue never touches those: choose another name");
        }
        return tableName;
    }

    /** An index name for the table: {@code <table>_<suffix>}, or a hashed form when that is too long. */
    public static String index(String table, String suffix) {
        String name = table + "_" + suffix;
        if (name.length() <= MAX_LENGTH) {
            return name;
        }
        return "jobqueue_" + hash(table, 5) + "_" + suffix;
    }

    /**
     * The name of a side table of the queue table ({@code <table>__unique}): the double underscore
     * and a suffix that is no hex number keep it apart from every default queue table name; a hashed
     * form when that is too long.
     */
    public static String sideTable(String table, String suffix) {
        String name = table + "__" + suffix;
        if (name.length() <= MAX_LENGTH) {
            return name;
        }
        return "jobqueue_" + hash(table, 8) + "__" + suffix;
    }

    private static String hash(String text, int bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
