package io.jobqueue.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one masking function of the library: every message, log line and printed setting that may
 * hold a secret goes through it. It masks, with {@value #MASK}:
 * <ul>
 *   <li>the password in a URL's user-info ({@code scheme://user:password@host}), and the whole
 *       user-info of a Redis or NATS URL without a colon ({@code redis://password@host}), also in URLs that
 *       do not parse;</li>
 *   <li>the value of every password-like parameter ({@code password=}, {@code sslpassword=},
 *       {@code trustStorePassword=}, {@code pwd=}, {@code secret=}, {@code token=}, …) in a query
 *       string, a JDBC property list or MySQL's {@code (password=…)} address form;</li>
 *   <li>the value of a password-like field in a YAML or JSON snippet ({@code password: value}), as
 *       parser errors quote them;</li>
 *   <li>every literal secret it is given (a {@code password} option, the password a URL carries),
 *       wherever it appears, so a driver that quotes it in its own words is masked too (secrets of at
 *       least {@value #MIN_LITERAL_LENGTH} characters);</li>
 *   <li>in settings maps, the value of every key that names a secret ({@link #isSecretKey}).</li>
 * </ul>
 * Masking errs on the side of hiding: a malformed URL loses more than its password, never less.
 * Thread-safe and stateless.
 */
public final class Secrets {

    /** What a secret is replaced with. */
    public static final String MASK = "***";

    /**
     * Literal secrets shorter than this are masked only where they stand as a secret (user-info, a
     * password parameter or field), not wherever their letters appear: masking every {@code x} of a
     * text would make it unreadable.
     */
    public static final int MIN_LITERAL_LENGTH = 4;

    private static final int MAX_CHAIN_DEPTH = 16;

    private static final List<String> SECRET_WORDS =
            List.of("password", "passwd", "passphrase", "pwd", "secret", "token", "credential", "apikey", "api_key", "auth");

    /** {@code scheme://user:password@} (the password may hold anything but whitespace; the last {@code @} ends it). */
    private static final Pattern USER_INFO_WITH_PASSWORD =
            Pattern.compile("(?i)([a-z][a-z0-9+.\\-]*://[^\\s/?#:@]*):\\S*@");
    /** The same in a malformed URL whose user or password holds spaces: up to the first {@code @} on the line. */
    private static final Pattern USER_INFO_WITH_SPACES =
            Pattern.compile("(?i)([a-z][a-z0-9+.\\-]*://[^/?#:@\\n]*):[^@\\n]*?@");
    /** Schemes whose URLs may carry a bare password or token as user-info ({@code redis://password@host}). */
    private static final String BARE_SECRET_SCHEMES = "(?:rediss?(?:-sentinel)?(?:\\+\\w+)?|nats|tls)";
    private static final Pattern BARE_SECRET =
            Pattern.compile("(?i)(" + BARE_SECRET_SCHEMES + "://)[^\\s/?#:@]+@");
    /** {@code …password=value} in a query string, a property list, or MySQL's {@code (password=value)}. */
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)((?:^|[?&;,(\\s])[a-z0-9_.\\-]*(?:" + String.join("|", SECRET_WORDS) + ")[a-z0-9_.\\-]*\\s*=\\s*)"
                    + "([^&;,)\\s]*)");

    /** {@code password: value} or {@code "password" : "value"}, as YAML and JSON snippets in parser errors show them. */
    private static final Pattern SECRET_FIELD = Pattern.compile(
            "(?i)((?:^|[\\s{,\"'])[\"']?[a-z0-9_.\\-]*(?:" + String.join("|", SECRET_WORDS) + ")[a-z0-9_.\\-]*[\"']?\\s*:\\s*[\"']?)"
                    + "([^\\s,'\"}]+)");

    private Secrets() {
    }

    /** Whether a settings key names a secret: it contains {@code password}, {@code secret}, {@code token}, … (any case). */
    public static boolean isSecretKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(lower::contains);
    }

    /**
     * The text with every secret masked: URL passwords, password-like parameters, and each of the
     * given literal secrets (nulls and empty strings are ignored).
     */
    public static String mask(String text, Collection<String> literals) {
        if (text == null) {
            return null;
        }
        String masked = text;
        if (literals != null) {
            for (String literal : longestFirst(literals)) {
                masked = masked.replace(literal, MASK);
            }
        }
        masked = USER_INFO_WITH_PASSWORD.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ":" + MASK + "@"));
        masked = USER_INFO_WITH_SPACES.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ":" + MASK + "@"));
        masked = BARE_SECRET.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
        masked = SECRET_PARAMETER.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        return SECRET_FIELD.matcher(masked).replaceAll(m -> m.group(2).equals(MASK) || m.group(2).startsWith("//")
                ? Matcher.quoteReplacement(m.group()) : Matcher.quoteReplacement(m.group(1) + MASK));
    }

    /** The text with URL passwords and password-like parameters masked. */
    public static String mask(String text) {
        return mask(text, List.of());
    }

    /**
     * The secrets a URL carries, to mask wherever a driver may quote them: the password of its
     * user-info (or the bare user-info of a Redis URL) and the value of every password-like
     * parameter. Works on text that does not parse as a URL.
     */
    public static Set<String> secretsIn(String url) {
        Set<String> found = new LinkedHashSet<>();
        if (url == null) {
            return found;
        }
        Matcher info = Pattern.compile("(?i)[a-z][a-z0-9+.\\-]*://[^\\s/?#:@]*:(\\S*)@").matcher(url);
        while (info.find()) {
            found.add(info.group(1));
        }
        Matcher spaced = Pattern.compile("(?i)[a-z][a-z0-9+.\\-]*://[^/?#:@\\n]*:([^@\\n]*?)@").matcher(url);
        while (spaced.find()) {
            found.add(spaced.group(1));
        }
        Matcher bare = Pattern.compile("(?i)" + BARE_SECRET_SCHEMES + "://([^\\s/?#:@]+)@").matcher(url);
        while (bare.find()) {
            found.add(bare.group(1));
        }
        Matcher parameter = SECRET_PARAMETER.matcher(url);
        while (parameter.find()) {
            found.add(parameter.group(2));
        }
        found.removeIf(s -> s.isEmpty() || s.equals(MASK));
        return found;
    }

    /**
     * The literal secrets of a settings map, nested maps and lists included: the value of every
     * secret key and the secrets inside every string value ({@link #secretsIn}).
     */
    public static Set<String> secretsOf(Map<String, ?> settings) {
        Set<String> found = new LinkedHashSet<>();
        collect(settings, found);
        found.removeIf(s -> s.isEmpty() || s.equals(MASK));
        return found;
    }

    /** A copy of a settings map with secrets masked: the values of secret keys, and secrets inside strings. */
    public static Map<String, Object> maskSettings(Map<String, ?> settings) {
        Map<String, Object> masked = new LinkedHashMap<>();
        settings.forEach((key, value) -> masked.put(key,
                value != null && isSecretKey(key) && !(value instanceof Map<?, ?>) ? MASK : maskValue(value)));
        return masked;
    }

    @SuppressWarnings("unchecked")
    private static Object maskValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return maskSettings((Map<String, ?>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(maskValue(item)));
            return copy;
        }
        if (value instanceof String s) {
            return mask(s);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object value, Set<String> found) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, v) -> {
                if (v != null && !(v instanceof Map<?, ?>) && !(v instanceof List<?>) && isSecretKey(String.valueOf(key))) {
                    found.add(String.valueOf(v));
                } else {
                    collect(v, found);
                }
            });
        } else if (value instanceof List<?> list) {
            list.forEach(item -> collect(item, found));
        } else if (value instanceof String s) {
            found.addAll(secretsIn(s));
        }
    }

    /**
     * The throwable itself when nothing in its chain (causes and suppressed exceptions) holds a
     * secret, so code that inspects causes still sees their types; otherwise a copy of the chain
     * whose messages are masked, with the same stack traces, each printing as the original class.
     * Use it as the cause of an exception that may be printed with its stack trace.
     */
    public static Throwable mask(Throwable throwable, Collection<String> literals) {
        return throwable == null || isClean(throwable, literals, 0) ? throwable : copy(throwable, literals, 0);
    }

    private static boolean isClean(Throwable throwable, Collection<String> literals, int depth) {
        if (throwable == null || depth > MAX_CHAIN_DEPTH) {
            return true;
        }
        String text = throwable.toString();
        if (!text.equals(mask(text, literals))) {
            return false;
        }
        for (Throwable suppressed : throwable.getSuppressed()) {
            if (!isClean(suppressed, literals, depth + 1)) {
                return false;
            }
        }
        return throwable.getCause() == throwable || isClean(throwable.getCause(), literals, depth + 1);
    }

    private static MaskedThrowable copy(Throwable throwable, Collection<String> literals, int depth) {
        MaskedThrowable copy = new MaskedThrowable(throwable.getClass().getName(), mask(throwable.getMessage(), literals));
        copy.setStackTrace(throwable.getStackTrace());
        if (depth < MAX_CHAIN_DEPTH) {
            Throwable cause = throwable.getCause();
            if (cause != null && cause != throwable) {
                copy.initCause(copy(cause, literals, depth + 1));
            }
            for (Throwable suppressed : throwable.getSuppressed()) {
                copy.addSuppressed(copy(suppressed, literals, depth + 1));
            }
        }
        return copy;
    }

    /** A masked copy of an exception that prints as the original's class. */
    private static final class MaskedThrowable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String originalClass;

        MaskedThrowable(String originalClass, String message) {
            super(message);
            this.originalClass = originalClass;
        }

        @Override
        public String toString() {
            return getMessage() == null ? originalClass : originalClass + ": " + getMessage();
        }
    }

    private static List<String> longestFirst(Collection<String> literals) {
        List<String> sorted = new ArrayList<>();
        for (String literal : literals) {
            if (literal != null && literal.length() >= MIN_LITERAL_LENGTH) {
                sorted.add(literal);
            }
        }
        sorted.sort((a, b) -> Integer.compare(b.length(), a.length()));
        return sorted;
    }
}
