package dev.fsc.flink.runner;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the runner needs to know about a generated statement without parsing SQL. */
final class Statements {
    private static final Pattern COMMENTS = Pattern.compile("(?s)\\A(\\s*(--[^\\n]*\\n?|/\\*.*?\\*/))*\\s*");
    private static final Pattern INSERT_TARGET = Pattern.compile("(?i)\\AINSERT\\s+INTO\\s+([A-Za-z0-9_.`]+)");
    private static final Pattern ICEBERG_CREATE = Pattern.compile("(?i)\\ACREATE\\s+TABLE\\s+(IF\\s+NOT\\s+EXISTS\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\.[A-Za-z_][A-Za-z0-9_]*\\b");

    private static final Pattern TEMPORARY_VIEW = Pattern.compile("(?is)\\ACREATE\\s+TEMPORARY\\s+VIEW\\s+([A-Za-z0-9_.`]+)\\s+AS\\s+(.*)");

    private static final Pattern SET = Pattern.compile("(?is)\\ASET\\s+'([^']+)'\\s*=\\s*'([^']*)'\\s*;?\\s*");

    private Statements() {
    }

    /** The statement without leading comments and blank lines. */
    static String body(String sql) {
        return COMMENTS.matcher(sql).replaceFirst("");
    }

    /** {@code CREATE TEMPORARY VIEW name AS query} as (name, query), if the statement is one. */
    static Optional<String[]> temporaryView(String sql) {
        Matcher m = TEMPORARY_VIEW.matcher(body(sql));
        return m.matches() ? Optional.of(new String[] {m.group(1).replace("`", ""), m.group(2)}) : Optional.empty();
    }

    /** {@code SET 'key' = 'value'} as (key, value), if the statement is one. */
    static Optional<String[]> setOption(String sql) {
        Matcher m = SET.matcher(body(sql));
        return m.matches() ? Optional.of(new String[] {m.group(1), m.group(2)}) : Optional.empty();
    }

    static boolean isInsert(String sql) {
        return body(sql).toUpperCase(Locale.ROOT).startsWith("INSERT");
    }

    /** The table an INSERT writes, as written. */
    static Optional<String> insertTarget(String sql) {
        Matcher m = INSERT_TARGET.matcher(body(sql));
        return m.find() ? Optional.of(m.group(1).replace("`", "")) : Optional.empty();
    }

    /** The namespace of a {@code CREATE TABLE ns.t} (an Iceberg table: temporary tables are fully qualified). */
    static Optional<String> createdNamespace(String sql) {
        Matcher m = ICEBERG_CREATE.matcher(body(sql));
        return m.find() ? Optional.of(m.group(2)) : Optional.empty();
    }

    /** Whether a written table lives in the Iceberg catalog (not the in-memory default catalog). */
    static boolean isIcebergTable(String table) {
        return table.split("\\.").length == 2;
    }

    static Set<String> icebergTargets(Iterable<String> inserts) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : inserts) {
            insertTarget(s).filter(Statements::isIcebergTable).ifPresent(out::add);
        }
        return out;
    }
}
