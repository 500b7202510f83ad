package io.jobqueue.internal;

/**
 * Makes JSON text safe to store as UTF-8: a lone UTF-16 surrogate (half of a pair, without its
 * other half) cannot be encoded, so drivers and clients write it as {@code ?} and the job reads back
 * changed. Written as the JSON escape {@code \uD800} instead, it travels as ASCII and reads back as
 * the very same char. Jackson writes string contents raw, so in its output such a char can only
 * stand inside a string literal, where the escape means the same.
 */
public final class LoneSurrogates {

    private LoneSurrogates() {
    }

    /** The JSON text with each lone surrogate written as a {@code \}{@code uXXXX} escape; the same instance when there is none. */
    public static String escape(String json) {
        StringBuilder out = null;
        int n = json.length();
        for (int i = 0; i < n; i++) {
            char c = json.charAt(i);
            boolean lone;
            if (Character.isHighSurrogate(c)) {
                lone = i + 1 >= n || !Character.isLowSurrogate(json.charAt(i + 1));
                if (!lone) {
                    if (out != null) {
                        out.append(c).append(json.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else {
                lone = Character.isLowSurrogate(c);
            }
            if (lone && out == null) {
                out = new StringBuilder(n + 16).append(json, 0, i);
            }
            if (out != null) {
                if (lone) {
                    out.append(String.format("\\u%04X", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? json : out.toString();
    }
}
