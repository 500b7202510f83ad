package io.jobqueue.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Masks secrets in settings before they are shown: the value of every key that contains
 * {@code password}, {@code secret} or {@code token} (any case), and passwords inside URLs
 * ({@code scheme://user:password@host}, {@code ?password=…}).
 */
final class Secrets {

    static final String MASK = "***";

    private static final List<String> SECRET_WORDS = List.of("password", "secret", "token");
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(://[^/:@?#\\s]*):[^@/\\s]*@");
    private static final Pattern PASSWORD_PARAMETER =
            Pattern.compile("(?i)([?&;](?:password|passwd|pwd|secret|token)=)[^&;#\\s]*");

    private Secrets() {
    }

    /** A copy of the map with secrets masked, nested maps and lists included. */
    static Map<String, Object> mask(Map<String, ?> map) {
        Map<String, Object> masked = new LinkedHashMap<>();
        map.forEach((key, value) -> masked.put(key, isSecretKey(key) && value != null ? MASK : maskValue(value)));
        return masked;
    }

    static boolean isSecretKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(lower::contains);
    }

    /** The text with passwords inside URLs masked. */
    static String maskUrl(String text) {
        String masked = USER_INFO_PASSWORD.matcher(text).replaceAll("$1:" + MASK + "@");
        return PASSWORD_PARAMETER.matcher(masked).replaceAll("$1" + MASK);
    }

    @SuppressWarnings("unchecked")
    private static Object maskValue(Object value) {
        if (value instanceof Map<?, ?> m) {
            return mask((Map<String, ?>) m);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(maskValue(item)));
            return copy;
        }
        if (value instanceof String s) {
            return maskUrl(s);
        }
        return value;
    }
}
