package dev.fsc.compiler.sql;

import dev.fsc.compiler.diag.Code;
import dev.fsc.compiler.diag.Diagnostic;
import dev.fsc.compiler.spec.SqlText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * Validates one SQL snippet of a spec with Calcite: a row expression or condition over a table, or a
 * whole query. Rejects what would make batch and streaming disagree: non-deterministic functions,
 * and aggregates outside {@code agg:}.
 */
final class SqlChecker {
    private static final String SELECT = "SELECT ";
    private final SqlCatalog catalog;
    private final SqlErrors errors;

    SqlChecker(SqlCatalog catalog) {
        this.catalog = catalog;
        this.errors = new SqlErrors(catalog.columnNames(), catalog.tableNames());
    }

    /** The outcome: the type (of the expression, or the query's row) if valid, else the problems. */
    record Checked(Optional<RelDataType> type, List<Diagnostic> problems) {
        static Checked failed(Diagnostic problem) {
            return new Checked(Optional.empty(), List.of(problem));
        }
    }

    /** A per-row expression over {@code table}: {@code expr}, a filter, a label expression. */
    Checked rowExpression(SqlText text, List<String> table) {
        try {
            SqlParser.create(text.sql(), CalciteSetup.PARSER).parseExpression();
        } catch (SqlParseException e) {
            return Checked.failed(errors.parseError(e, text, 0));
        }
        String statement = SELECT + text.sql() + "\nFROM " + quoted(table);
        SqlValidator validator = CalciteSetup.validator(catalog.reader());
        try {
            SqlNode validated = validator.validate(SqlParser.create(statement, CalciteSetup.PARSER).parseQuery());
            List<Diagnostic> problems = new ArrayList<>();
            SqlNode expression = ((SqlSelect) validated).getSelectList().get(0);
            expression.accept(new Forbidden(validator, text, SELECT.length(), problems, true));
            RelDataType type = validator.getValidatedNodeType(validated).getFieldList().get(0).getType();
            return new Checked(problems.isEmpty() ? Optional.of(type) : Optional.empty(), problems);
        } catch (SqlParseException e) { // the expression parsed alone, so this is a comment or similar trick
            return Checked.failed(errors.parseError(e, text, SELECT.length()));
        } catch (CalciteContextException e) {
            return Checked.failed(errors.validationError(e, text, SELECT.length()));
        }
    }

    /**
     * Several row expressions over one table, validated as one statement (one Calcite validation per
     * view instead of one per feature: the difference between seconds and a fraction for 1,000 specs).
     * Each expression is parsed alone, as if it stood on its own lines of the statement, then the
     * parsed nodes become the select list. If anything is wrong, each expression is checked alone,
     * so every problem is found and reported at its own position.
     */
    List<Checked> rowExpressions(List<SqlText> texts, List<String> table) {
        List<SqlNode> nodes = new ArrayList<>();
        int[] firstLine = new int[texts.size()];
        try {
            int line = 2; // line 1 would be SELECT
            for (int i = 0; i < texts.size(); i++) {
                firstLine[i] = line;
                String sql = texts.get(i).sql();
                nodes.add(SqlParser.create("\n".repeat(line - 1) + sql, CalciteSetup.PARSER).parseExpression());
                line += 1 + (int) sql.chars().filter(c -> c == '\n').count();
            }
            SqlSelect select = (SqlSelect) SqlParser.create("SELECT 1 FROM " + quoted(table), CalciteSetup.PARSER).parseQuery();
            select.setSelectList(new SqlNodeList(nodes, SqlParserPos.ZERO));
            SqlValidator validator = CalciteSetup.validator(catalog.reader());
            SqlNode validated = validator.validate(select);
            List<RelDataTypeField> fields = validator.getValidatedNodeType(validated).getFieldList();
            SqlNodeList items = ((SqlSelect) validated).getSelectList();
            List<Checked> results = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                List<Diagnostic> problems = new ArrayList<>();
                items.get(i).accept(new Forbidden(validator, texts.get(i), 0, firstLine[i] - 1, problems, true));
                RelDataType type = fields.get(i).getType();
                results.add(new Checked(problems.isEmpty() ? Optional.of(type) : Optional.empty(), problems));
            }
            return results;
        } catch (SqlParseException | CalciteContextException e) {
            return texts.stream().map(text -> rowExpression(text, table)).toList();
        }
    }

    /** A row expression that must be BOOLEAN, such as a filter or an {@code expect} check. */
    Checked condition(SqlText text, List<String> table, String role) {
        return requireBoolean(text, role, rowExpression(text, table));
    }

    /** The checked expression, or a diagnostic if it is valid but not BOOLEAN. */
    Checked requireBoolean(SqlText text, String role, Checked checked) {
        if (checked.type().isPresent() && checked.type().get().getSqlTypeName() != SqlTypeName.BOOLEAN) {
            return Checked.failed(Diagnostic.error(Code.NOT_BOOLEAN, text.pos().withLength(Math.min(text.sql().length(), 80)),
                            role + " must be a condition (BOOLEAN), but this is " + checked.type().get().getFullTypeString())
                    .withHint("compare it, e.g. `" + text.sql().strip() + " > 0`"));
        }
        return checked;
    }

    /** A whole SELECT over sources; aggregates are allowed only when {@code eventsOnly} is false. */
    Checked query(SqlText text, boolean eventsOnly) {
        SqlNode parsed;
        try {
            parsed = SqlParser.create(text.sql(), CalciteSetup.PARSER).parseQuery();
        } catch (SqlParseException e) {
            return Checked.failed(errors.parseError(e, text, 0));
        }
        SqlValidator validator = CalciteSetup.validator(catalog.reader());
        try {
            SqlNode validated = validator.validate(parsed);
            List<Diagnostic> problems = new ArrayList<>();
            validated.accept(new Forbidden(validator, text, 0, problems, eventsOnly));
            RelDataType rowType = validator.getValidatedNodeType(validated);
            return new Checked(problems.isEmpty() ? Optional.of(rowType) : Optional.empty(), problems);
        } catch (CalciteContextException e) {
            return Checked.failed(errors.validationError(e, text, 0));
        }
    }

    private static String quoted(List<String> path) {
        return String.join(".", path.stream().map(p -> "`" + p + "`").toList());
    }

    /** Finds calls that would break train/serve consistency or the tile model. */
    private static final class Forbidden extends SqlBasicVisitor<Void> {
        private final SqlText text;
        private final int prefix;
        private final List<Diagnostic> problems;
        private final boolean rowLevel;
        private final int lineOffset;

        private final SqlValidator validator;

        Forbidden(SqlValidator validator, SqlText text, int prefix, List<Diagnostic> problems, boolean rowLevel) {
            this(validator, text, prefix, 0, problems, rowLevel);
        }

        Forbidden(SqlValidator validator, SqlText text, int prefix, int lineOffset, List<Diagnostic> problems, boolean rowLevel) {
            this.validator = validator;
            this.text = text;
            this.prefix = prefix;
            this.lineOffset = lineOffset;
            this.problems = problems;
            this.rowLevel = rowLevel;
        }

        @Override
        public Void visit(SqlCall call) {
            var operator = call.getOperator();
            if (operator.isDynamicFunction() || !operator.isDeterministic()) {
                problems.add(Diagnostic.error(Code.NON_DETERMINISTIC, SqlErrors.at(text, prefix, lineOffset, call.getParserPosition()),
                                "`" + operator.getName() + "` gives a different value on every run")
                        .withHint("batch backfills and streaming would disagree; use the event's own time column instead"));
                return null;
            }
            if (call.getKind().belongsTo(SqlKind.BINARY_COMPARISON) && validator != null) {
                Optional<String> mismatch = ComparisonTypes.mismatch(validator, call);
                if (mismatch.isPresent()) {
                    problems.add(Diagnostic.error(Code.SQL_INVALID, SqlErrors.at(text, prefix, lineOffset, call.getParserPosition()),
                                    "cannot compare " + mismatch.get() + " without a CAST")
                            .withHint("fsc does not convert types implicitly (Spark and Flink would, differently): "
                                    + "CAST one side, e.g. CAST(x AS VARCHAR)"));
                    return null;
                }
            }
            if (rowLevel && (operator.isAggregator() || call.getKind() == SqlKind.OVER)) {
                problems.add(Diagnostic.error(Code.AGGREGATE_IN_EXPR, SqlErrors.at(text, prefix, lineOffset, call.getParserPosition()),
                                "aggregate `" + operator.getName() + "` in a per-event expression")
                        .withHint("aggregate with the feature's `agg:` (e.g. `agg: sum` with `expr: amount_usd`); "
                                + "expressions and queries describe one event at a time"));
                return null;
            }
            return super.visit(call);
        }
    }
}
