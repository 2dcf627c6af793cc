package dev.fsc.compiler.codegen;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which version of each Iceberg table an environment's jobs read and write: logical name (what {@link TableNames}
 * gives, e.g. {@code gold.user_order_stats__tiles_1h}) to a version number. A deploy that meets a change a live
 * table cannot take in place creates the next version beside it rather than rewrite it; every generated job,
 * DAG and reader then names that version. Version 1 is the logical name itself, so an environment that never had
 * such a change compiles to the names it always had; version n from 2 on is {@code <logical>__v<n>}
 * ({@code gold.user_order_stats__tiles_1h__v2}) — the double underscore is fsc's separator for names it derives,
 * as in {@code __tiles_} and {@code __late}.
 *
 * @param versions logical table name to its current version; versions of 1 are dropped (they are the default)
 */
public record TableVersions(Map<String, Integer> versions) {
    /** Every table at version 1: today's names. */
    public static final TableVersions NONE = new TableVersions(Map.of());

    private static final Pattern VERSIONED = Pattern.compile("(.+)__v([1-9][0-9]*)");

    public TableVersions {
        Map<String, Integer> kept = new TreeMap<>();
        versions.forEach((table, version) -> {
            if (version < 1) {
                throw new IllegalArgumentException("table " + table + " has version " + version + "; versions start at 1");
            }
            if (version > 1) {
                kept.put(table, version);
            }
        });
        versions = Collections.unmodifiableMap(kept);
    }

    /** The version the jobs use of a logical table (1 unless a breaking change moved it on). */
    public int version(String logical) {
        return versions.getOrDefault(logical, 1);
    }

    /** The table the jobs read and write for a logical table. */
    public String physical(String logical) {
        return physical(logical, version(logical));
    }

    /** The name of one version of a logical table. */
    public static String physical(String logical, int version) {
        return version == 1 ? logical : logical + "__v" + version;
    }

    /** The same map with {@code logical} moved to its next version. */
    public TableVersions next(String logical) {
        Map<String, Integer> moved = new TreeMap<>(versions);
        moved.put(logical, version(logical) + 1);
        return new TableVersions(moved);
    }

    /**
     * The logical table whose current version is {@code physical}, if this map names it that way; a name that
     * merely ends in {@code __v<n>} (say a dataset's chosen {@code output.table}) is its own logical name.
     */
    public String logical(String physical) {
        Matcher m = VERSIONED.matcher(physical);
        if (m.matches()) {
            String logical = m.group(1);
            Optional<Integer> n = parse(m.group(2));
            if (n.isPresent() && version(logical) == n.get()) {
                return logical;
            }
        }
        return physical;
    }

    private static Optional<Integer> parse(String digits) {
        try {
            return Optional.of(Integer.parseInt(digits));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
