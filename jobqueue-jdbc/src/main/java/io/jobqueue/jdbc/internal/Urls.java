package io.jobqueue.jdbc.internal;

import java.util.regex.Pattern;

/** Makes JDBC URLs safe to print: passwords in the query string or the authority are masked. */
public final class Urls {

    private static final Pattern PASSWORD_PARAMETER =
            Pattern.compile("(?i)((?:password|passwd|pwd)=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@?]*):[^@/]*@");

    private Urls() {
    }

    /** The URL with every password replaced by {@code ***}. */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String masked = PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(masked).replaceAll("$1:***@");
    }
}
