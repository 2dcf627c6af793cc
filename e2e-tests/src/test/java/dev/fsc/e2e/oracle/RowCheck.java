package dev.fsc.e2e.oracle;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A row check of severity {@code error} (docs/batch-semantics.md §2, step 2): a record fails when
 * the check's SQL truth is FALSE; NULL (unknown) passes. Checks of severity {@code warn} only count
 * and are therefore not written down at all.
 */
record RowCheck(String name, Function<Map<String, Object>, Boolean> truth) {

    boolean fails(Map<String, Object> row) {
        return Boolean.FALSE.equals(truth.apply(row));
    }

    /** {@code not_null: [columns]}: fails on a NULL in any of them. */
    static RowCheck notNull(String... columns) {
        List<String> cols = List.of(columns);
        return new RowCheck("not_null " + cols, row -> cols.stream().allMatch(c -> row.get(c) != null));
    }

    /** {@code range: {column, min, max}}: fails outside [min, max]; NULL passes. */
    static RowCheck range(String column, long min, long max) {
        return new RowCheck("range " + column,
                row -> Sql.and(Sql.ge(row.get(column), min), Sql.le(row.get(column), max)));
    }

    /** {@code accepted_values: {column, values}}: fails when not in the list; NULL passes. */
    static RowCheck acceptedValues(String column, String... values) {
        return new RowCheck("accepted_values " + column, row -> Sql.in(row.get(column), (Object[]) values));
    }

    /** {@code expect: {name, sql}}, the SQL hand-coded with {@link Sql}. */
    static RowCheck expect(String name, Function<Map<String, Object>, Boolean> sql) {
        return new RowCheck(name, sql);
    }
}
