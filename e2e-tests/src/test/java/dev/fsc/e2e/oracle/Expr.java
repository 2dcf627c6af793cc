package dev.fsc.e2e.oracle;

import java.util.Map;

/** A hand-coded SQL expression over one row (NULL = null), written with {@link Sql}. */
@FunctionalInterface
interface Expr {
    Object eval(Map<String, Object> row);
}
