package dev.fsc.cli.sample;

import dev.fsc.compiler.sql.SpecSql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSnapshot;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * What a view's or spine's {@code query:} says about keys: which source columns it compares
 * ({@code ON e.provider_id = p.id}, {@code CASE WHEN p.vehicle_type = e.required_vehicle ...}) and which source column each plain output column comes from
 * ({@code c.item_id}, or {@code ts AS event_time}). Anything it cannot follow is simply not reported.
 */
final class QueryLinks {
    record ColumnRef(String source, String column) {
        String id() {
            return source + "." + column;
        }
    }

    private final Map<String, Set<String>> columnsBySource;
    private final List<ColumnRef[]> equalities = new ArrayList<>();
    private final Map<String, List<ColumnRef>> outputs = new LinkedHashMap<>();

    private QueryLinks(Map<String, Set<String>> columnsBySource) {
        this.columnsBySource = columnsBySource;
    }

    /** Reads {@code sql}; a query the parser rejects (the compiler reported it) gives no links. */
    static QueryLinks of(String sql, Map<String, Set<String>> columnsBySource) {
        QueryLinks links = new QueryLinks(columnsBySource);
        try {
            links.query(SqlParser.create(sql, SpecSql.parserConfig()).parseQuery());
        } catch (SqlParseException | RuntimeException e) {
            // not ours to report: the compiler validated this query
        }
        return links;
    }

    /** Pairs of source columns the query compares with {@code =} or {@code <>}. */
    List<ColumnRef[]> equalities() {
        return equalities;
    }

    /** The source columns an output column is a plain copy of (several for UNION branches). */
    List<ColumnRef> output(String name) {
        return outputs.getOrDefault(name, List.of());
    }

    private void query(SqlNode node) {
        if (node instanceof SqlOrderBy orderBy) {
            query(orderBy.query);
        } else if (node instanceof SqlWith with) {
            query(with.body);
        } else if (node instanceof SqlSelect select) {
            select(select);
        } else if (node instanceof SqlCall call && node.getKind().belongsTo(SqlKind.SET_QUERY)) {
            call.getOperandList().forEach(this::query);
        }
    }

    private void select(SqlSelect select) {
        Map<String, String> tables = new LinkedHashMap<>();
        List<SqlNode> conditions = new ArrayList<>();
        from(select.getFrom(), tables, conditions);
        if (select.getWhere() != null) {
            conditions.add(select.getWhere());
        }
        conditions.add(select.getSelectList());
        for (SqlNode condition : conditions) {
            comparisons(condition, tables);
        }
        for (SqlNode item : select.getSelectList()) {
            SqlNode expr = item;
            String name = null;
            if (item.getKind() == SqlKind.AS) {
                expr = ((SqlCall) item).operand(0);
                name = ((SqlIdentifier) ((SqlCall) item).operand(1)).getSimple();
            }
            if (expr instanceof SqlIdentifier id && !id.isStar()) {
                ColumnRef ref = resolve(id, tables);
                if (ref != null) {
                    outputs.computeIfAbsent(name != null ? name : ref.column(), k -> new ArrayList<>()).add(ref);
                }
            }
        }
    }

    private void from(SqlNode node, Map<String, String> tables, List<SqlNode> conditions) {
        if (node instanceof SqlJoin join) {
            from(join.getLeft(), tables, conditions);
            from(join.getRight(), tables, conditions);
            if (join.getCondition() != null) {
                conditions.add(join.getCondition());
            }
        } else if (node != null && node.getKind() == SqlKind.AS) {
            SqlCall as = (SqlCall) node;
            String table = tableName(as.operand(0));
            if (table != null) {
                tables.put(((SqlIdentifier) as.operand(1)).getSimple(), table);
            } else {
                query(as.operand(0));
            }
        } else {
            String table = tableName(node);
            if (table != null) {
                tables.put(table, table);
            }
        }
    }

    private static String tableName(SqlNode node) {
        if (node instanceof SqlSnapshot snapshot) {
            return tableName(snapshot.getTableRef());
        }
        if (node instanceof SqlIdentifier id) {
            return id.names.get(id.names.size() - 1);
        }
        return null;
    }

    /** Columns compared with = or <> anywhere (ON, WHERE, or a CASE in the select list) hold the same kind of value. */
    private void comparisons(SqlNode node, Map<String, String> tables) {
        node.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if ((call.getKind() == SqlKind.EQUALS || call.getKind() == SqlKind.NOT_EQUALS) && call.operandCount() == 2
                        && call.operand(0) instanceof SqlIdentifier left && call.operand(1) instanceof SqlIdentifier right) {
                    ColumnRef a = resolve(left, tables);
                    ColumnRef b = resolve(right, tables);
                    if (a != null && b != null) {
                        equalities.add(new ColumnRef[] {a, b});
                    }
                }
                return call.getKind() == SqlKind.SELECT ? null : super.visit(call);
            }
        });
    }

    private ColumnRef resolve(SqlIdentifier id, Map<String, String> tables) {
        String column = id.names.get(id.names.size() - 1);
        if (id.names.size() >= 2) {
            String source = tables.get(id.names.get(id.names.size() - 2));
            return source != null && columnsBySource.getOrDefault(source, Set.of()).contains(column)
                    ? new ColumnRef(source, column) : null;
        }
        List<String> having = tables.values().stream().distinct()
                .filter(s -> columnsBySource.getOrDefault(s, Set.of()).contains(column)).toList();
        return having.size() == 1 ? new ColumnRef(having.get(0), column) : null;
    }
}
