package dev.fsc.common.manifest;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code ${name}} parameter syntax of manifest SQL. A reference is <code>${</code>, a name
 * ({@code [A-Za-z_][A-Za-z0-9_]*}), then <code>}</code>; <code>$${</code> stands for a literal
 * <code>${</code>; any other {@code $} is literal. Values are inserted verbatim (no quoting: write
 * {@code '${ds}'} for a string), in one pass, so a value containing {@code ${x}} is never expanded again.
 */
public final class SqlParameters {
    /** What a parameter name looks like. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private SqlParameters() {
    }

    /** The names referenced by {@code sql}, in order of first use. */
    public static Set<String> references(String sql) {
        Set<String> names = new LinkedHashSet<>();
        scan(sql, null, names);
        return names;
    }

    /**
     * Replaces every reference with its value.
     *
     * @throws ManifestException on a malformed reference or a name not in {@code values}
     */
    public static String substitute(String sql, Map<String, String> values) {
        StringBuilder out = new StringBuilder(sql.length() + 32);
        scan(sql, values, null);
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '$' && sql.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (c == '$' && sql.startsWith("${", i)) {
                int end = sql.indexOf('}', i + 2);
                out.append(values.get(sql.substring(i + 2, end)));
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Validates all references; collects names into {@code names} and/or checks them against {@code values}. */
    private static void scan(String sql, Map<String, String> values, Set<String> names) {
        int i = 0;
        while (i < sql.length()) {
            if (sql.startsWith("$${", i)) {
                i += 3;
                continue;
            }
            if (!sql.startsWith("${", i)) {
                i++;
                continue;
            }
            int end = sql.indexOf('}', i + 2);
            String name = end < 0 ? null : sql.substring(i + 2, end);
            if (name == null || !NAME.matcher(name).matches()) {
                String shown = sql.substring(i, Math.min(sql.length(), end < 0 ? i + 20 : end + 1));
                throw new ManifestException("malformed parameter reference '" + shown
                        + "' (expected ${name}; write $${ for a literal ${)");
            }
            if (values != null && !values.containsKey(name)) {
                throw new ManifestException("unknown parameter ${" + name + "}; declared parameters: "
                        + (values.isEmpty() ? "(none)" : String.join(", ", values.keySet())));
            }
            if (names != null) {
                names.add(name);
            }
            i = end + 1;
        }
    }
}
