package io.jobqueue.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/**
 * Renders the arguments of a method-call job for its label, as the original's VariableDumper
 * did: {@code Mailer::send(someone@example.com, 3, 0.50, true, null, [Address])}.
 *
 * <p>Works on the JSON arguments alone, so a label reads the same before and after the payload's
 * round trip and never runs application code. A value Jackson writes as a JSON string (a
 * {@code String}, {@code char}, enum, {@code UUID}, {@code LocalDate}, a {@code @JsonValue} type —
 * the Java counterpart of PHP's {@code __toString}) is shown as text cut to
 * {@value #MAXIMUM_LENGTH} code points; integers in decimal; floating-point numbers with two
 * decimals; booleans and null as such; anything else as {@code [SimpleTypeName]} of the declared
 * parameter type. {@code toString()} is never called: in Java every object has one, and records,
 * lists and maps would flood a label.
 */
public final class ArgumentLabels {

    /** Longest text shown; longer text is cut to one less, followed by an ellipsis. */
    public static final int MAXIMUM_LENGTH = 20;

    private ArgumentLabels() {
    }

    /** One argument; {@code declaredType} is the parameter's simple type name (e.g. {@code List}). */
    public static String render(JsonNode value, String declaredType, boolean declaredArray) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "null";
        }
        if (declaredArray) {
            return "[" + declaredType + "]";
        }
        if (value.isTextual()) {
            return cut(value.asText());
        }
        if (value.isBoolean()) {
            return Boolean.toString(value.booleanValue());
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        if (value.isNumber()) {
            return String.format(Locale.ROOT, "%.2f", value.numberValue());
        }
        if ("Object".equals(declaredType)) {
            return value.isArray() ? "[List]" : "[Map]";
        }
        return "[" + declaredType + "]";
    }

    /** All arguments, comma-separated; parameter type names as {@link Class#getSimpleName()}. */
    public static String render(JsonNode arguments, List<String> simpleTypeNames) {
        StringBuilder text = new StringBuilder();
        int count = Math.max(arguments == null ? 0 : arguments.size(), simpleTypeNames.size());
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                text.append(", ");
            }
            String type = i < simpleTypeNames.size() ? simpleTypeNames.get(i) : "Object";
            boolean array = type.endsWith("[]");
            text.append(render(arguments == null ? null : arguments.get(i), type, array));
        }
        return text.toString();
    }

    /** Text of at most {@value #MAXIMUM_LENGTH} code points: longer becomes its first 19 and {@code …}. */
    public static String cut(String text) {
        if (text.codePointCount(0, text.length()) <= MAXIMUM_LENGTH) {
            return text;
        }
        int end = text.offsetByCodePoints(0, MAXIMUM_LENGTH - 1);
        return text.substring(0, end) + "…";
    }
}
