package dev.fsc.compiler.sql;

import dev.fsc.compiler.spec.SqlText;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSnapshot;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Spec SQL (validated by Calcite) printed as Flink SQL. Flink's parser is Calcite's, so Calcite's own
 * dialect with backquoted identifiers prints what Flink reads; casts name Flink's types ({@link FlinkTypes}).
 *
 * <p>Tables in a query are the job's temporary views, named in full; a temporal join stays a temporal join:
 * {@code JOIN t FOR SYSTEM_TIME AS OF x AS a ON c} reads t's versioned view as of x (event time), whose latest
 * version may be a delete: {@code ON c AND NOT a._deleted}, so a row deleted at or before x is absent.
 */
public final class FlinkSqlText {
    private static final SqlDialect DIALECT = new CalciteSqlDialect(CalciteSqlDialect.DEFAULT_CONTEXT
            .withIdentifierQuoteString("`")) {
        @Override
        public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
            if (call.getKind() == SqlKind.CAST && call.operand(1) instanceof SqlDataTypeSpec spec) {
                writer.keyword("CAST");
                SqlWriter.Frame frame = writer.startList(SqlWriter.FrameTypeEnum.FUN_CALL, "(", ")");
                call.operand(0).unparse(writer, 0, 0);
                writer.sep("AS");
                writer.literal(FlinkTypes.of(spec.toString()));
                writer.endList(frame);
                return;
            }
            super.unparseCall(writer, call, leftPrec, rightPrec);
        }
    };

    /** The column of a versioned view that is TRUE when the version is a delete (the row is absent from then on). */
    public static final String DELETED = "_deleted";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final SqlAbstractParserImpl.Metadata KEYWORDS = SqlParser.create("", CalciteSetup.PARSER).getMetadata();

    private FlinkSqlText() {
    }

    /** A column or table name as Flink SQL reads it: backquoted only when it is a reserved word or not a plain name. */
    public static String identifier(String name) {
        return PLAIN.matcher(name).matches() && !KEYWORDS.isReservedWord(name.toUpperCase(Locale.ROOT)) ? name : "`" + name + "`";
    }

    /** A single-line Flink SQL expression. */
    public static String expression(SqlText text) {
        return print(parse(text.sql(), false)).replaceAll("\\s*\\n\\s*", " ");
    }

    /**
     * A Flink SQL query, multi-line as Calcite lays it out.
     *
     * @param tableOf the relation a source's name stands for (its events view)
     * @param versionsOf the versioned view of a CDC table (for temporal joins)
     */
    public static String query(SqlText text, Function<String, String> tableOf, Function<String, String> versionsOf) {
        return print(parse(text.sql(), true).accept(new Relations(tableOf, versionsOf)));
    }

    private static final DialectPrinter PRINTER = new DialectPrinter(DIALECT);

    private static SqlNode parse(String sql, boolean query) {
        return DialectPrinter.parse(sql, query);
    }

    private static String print(SqlNode node) {
        return PRINTER.print(node);
    }

    /** Points every table a FROM clause names at its relation, and each {@code t FOR SYSTEM_TIME AS OF x} at t's versions. */
    private static final class Relations extends SqlShuttle {
        private final Function<String, String> tableOf;
        private final Function<String, String> versionsOf;

        Relations(Function<String, String> tableOf, Function<String, String> versionsOf) {
            this.tableOf = tableOf;
            this.versionsOf = versionsOf;
        }

        @Override
        public SqlNode visit(SqlCall call) {
            SqlNode visited = super.visit(call);
            if (visited instanceof SqlSelect select && select.getFrom() != null) {
                select.setFrom(from(select.getFrom()));
            }
            return visited;
        }

        private SqlNode from(SqlNode node) {
            if (node instanceof SqlIdentifier table) {
                return name(tableOf.apply(table.getSimple()));
            }
            if (node instanceof SqlSnapshot snapshot && snapshot.getTableRef() instanceof SqlIdentifier table) {
                return new SqlSnapshot(SqlParserPos.ZERO, name(versionsOf.apply(table.getSimple())), snapshot.getPeriod());
            }
            if (node instanceof SqlJoin join) {
                Optional<String> versionsAlias = snapshotAlias(join.getRight());
                join.setLeft(from(join.getLeft()));
                join.setRight(from(join.getRight()));
                versionsAlias.ifPresent(alias -> {
                    // the version as of x may be a delete: the row is absent then
                    SqlNode live = SqlStdOperatorTable.NOT.createCall(SqlParserPos.ZERO,
                            new SqlIdentifier(List.of(alias, DELETED), SqlParserPos.ZERO));
                    join.setOperand(5, join.getCondition() == null ? live
                            : SqlStdOperatorTable.AND.createCall(SqlParserPos.ZERO, join.getCondition(), live));
                });
                return join;
            }
            if (node instanceof SqlCall as && as.getKind() == SqlKind.AS) {
                as.setOperand(0, from(as.operand(0)));
                return as;
            }
            return node;
        }

        /** The name a temporal join's right side goes by, when it is {@code t FOR SYSTEM_TIME AS OF x [AS a]}. */
        private static Optional<String> snapshotAlias(SqlNode right) {
            if (right instanceof SqlCall as && as.getKind() == SqlKind.AS && as.operand(0) instanceof SqlSnapshot) {
                return Optional.of(((SqlIdentifier) as.operand(1)).getSimple());
            }
            if (right instanceof SqlSnapshot snapshot && snapshot.getTableRef() instanceof SqlIdentifier table) {
                return Optional.of(table.getSimple());
            }
            return Optional.empty();
        }

        private static SqlIdentifier name(String qualified) {
            return new SqlIdentifier(List.of(qualified.split("\\.")), SqlParserPos.ZERO);
        }
    }
}
