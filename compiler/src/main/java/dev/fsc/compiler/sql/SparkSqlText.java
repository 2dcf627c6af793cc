package dev.fsc.compiler.sql;

import dev.fsc.compiler.spec.SqlText;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSnapshot;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.SparkSqlDialect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Spec SQL (validated by Calcite) printed as Spark SQL: Calcite parses it and prints it back with
 * Spark's dialect, so spellings differ where the engines differ (casts to {@code STRING}, {@code SUBSTRING(a, 1, 2)}).
 *
 * <p>Spark has no temporal join: {@code JOIN t FOR SYSTEM_TIME AS OF x AS a ON cond} becomes a join with
 * the table's row versions, {@code JOIN <versions of t> AS a ON cond AND a.valid_from <= x AND (a.valid_to
 * IS NULL OR x < a.valid_to)} — the version valid at {@code x}.
 */
public final class SparkSqlText {
    private static final SqlDialect DIALECT = new SparkSqlDialect(SparkSqlDialect.DEFAULT_CONTEXT) {
        @Override
        public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
            if (call.getKind() == SqlKind.CAST && call.operand(1) instanceof SqlDataTypeSpec spec) {
                writer.keyword("CAST");
                SqlWriter.Frame frame = writer.startList(SqlWriter.FrameTypeEnum.FUN_CALL, "(", ")");
                call.operand(0).unparse(writer, 0, 0);
                writer.sep("AS");
                writer.literal(SparkTypes.of(spec.toString()));
                writer.endList(frame);
                return;
            }
            super.unparseCall(writer, call, leftPrec, rightPrec);
        }
    };

    private SparkSqlText() {
    }

    /** A single-line Spark SQL expression. */
    public static String expression(SqlText text) {
        return print(parse(text.sql(), false)).replaceAll("\\s*\\n\\s*", " ");
    }

    /**
     * A Spark SQL query, multi-line as Calcite lays it out.
     *
     * @param versionsOf the relation holding the row versions of a CDC table (for temporal joins)
     */
    public static String query(SqlText text, Function<String, String> versionsOf) {
        SqlNode node = parse(text.sql(), true).accept(new TemporalJoins(versionsOf));
        return print(node);
    }

    private static final DialectPrinter PRINTER = new DialectPrinter(DIALECT);

    private static SqlNode parse(String sql, boolean query) {
        return DialectPrinter.parse(sql, query);
    }

    private static String print(SqlNode node) {
        return PRINTER.print(node);
    }

    /** Rewrites each {@code JOIN t FOR SYSTEM_TIME AS OF x AS a} into a join with t's versions valid at x. */
    private static final class TemporalJoins extends SqlShuttle {
        private final Function<String, String> versionsOf;

        TemporalJoins(Function<String, String> versionsOf) {
            this.versionsOf = versionsOf;
        }

        @Override
        public SqlNode visit(SqlCall call) {
            SqlNode visited = super.visit(call);
            if (!(visited instanceof SqlJoin join) || !(join.getRight() instanceof SqlCall right)
                    || right.getKind() != SqlKind.AS || !(right.operand(0) instanceof SqlSnapshot snapshot)) {
                return visited;
            }
            SqlParserPos pos = SqlParserPos.ZERO;
            SqlIdentifier table = (SqlIdentifier) snapshot.getTableRef();
            SqlIdentifier alias = right.operand(1);
            SqlNode at = snapshot.getPeriod();
            SqlNode versions = new SqlIdentifier(List.of(versionsOf.apply(table.getSimple()).split("\\.")), pos);
            SqlNode validFrom = new SqlIdentifier(List.of(alias.getSimple(), "valid_from"), pos);
            SqlNode validTo = new SqlIdentifier(List.of(alias.getSimple(), "valid_to"), pos);
            SqlNode validAt = SqlStdOperatorTable.AND.createCall(pos,
                    SqlStdOperatorTable.LESS_THAN_OR_EQUAL.createCall(pos, validFrom, at),
                    SqlStdOperatorTable.OR.createCall(pos,
                            SqlStdOperatorTable.IS_NULL.createCall(pos, validTo),
                            SqlStdOperatorTable.LESS_THAN.createCall(pos, at, validTo)));
            SqlNode condition = join.getCondition() == null ? validAt
                    : SqlStdOperatorTable.AND.createCall(pos, join.getCondition(), validAt);
            return new SqlJoin(pos, join.getLeft(), join.isNaturalNode(), join.getJoinTypeNode(),
                    SqlStdOperatorTable.AS.createCall(pos, versions, alias), join.getConditionTypeNode(), condition);
        }
    }
}
