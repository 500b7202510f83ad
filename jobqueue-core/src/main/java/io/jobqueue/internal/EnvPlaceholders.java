package io.jobqueue.internal;

import io.jobqueue.ConfigurationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code ${NAME}} and {@code ${NAME:-default}} in the string values of a settings tree from
 * the environment, as a shell does: the default is used when the variable is unset or empty, and
 * {@code $${} writes a literal {@code ${}. Keys are never expanded, nor are non-string values.
 *
 * <p>An unset variable without a default, or a malformed placeholder, stops with a
 * {@link ConfigurationException} that names the key (as a path: {@code queues.email.options.password})
 * and the variable, never the value: values read this way are often secrets.
 *
 * <p>Returns new maps and lists; the tree given is not changed. Stateless and thread-safe.
 */
final class EnvPlaceholders {

    /** {@code $${}, or {@code ${NAME}} / {@code ${NAME:-default}}, or a {@code ${} that is neither. */
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}|\\$\\{");

    private EnvPlaceholders() {
    }

    /** The tree with every placeholder of its string values replaced. */
    static Object expand(Object tree, String source, Function<String, String> env) {
        return expand(tree, "", source, env);
    }

    private static Object expand(Object value, String path, String source, Function<String, String> env) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> result.put(k, expand(v, join(path, String.valueOf(k)), source, env)));
            return result;
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                result.add(expand(list.get(i), path + "[" + i + "]", source, env));
            }
            return result;
        }
        if (value instanceof String text && text.contains("${")) {
            return expandText(text, path, source, env);
        }
        return value;
    }

    private static String expandText(String text, String path, String source, Function<String, String> env) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String replacement;
            if (m.group().equals("$${")) {
                replacement = "${";
            } else if (m.group(1) == null) {
                throw new ConfigurationException("key '" + path + "' in " + source + " has a malformed placeholder:"
                        + " write ${NAME} or ${NAME:-default} (NAME of letters, digits and _), or $${ for a literal ${");
            } else {
                String name = m.group(1);
                String found = env.apply(name);
                if (found == null || (found.isEmpty() && m.group(2) != null)) {
                    if (m.group(2) == null) {
                        throw new ConfigurationException("environment variable '" + name + "' is not set, but key '" + path
                                + "' in " + source + " refers to it as ${" + name + "} (set it, or give a default: ${"
                                + name + ":-…})");
                    }
                    found = m.group(2);
                }
                replacement = found;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
