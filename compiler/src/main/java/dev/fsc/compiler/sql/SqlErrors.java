package dev.fsc.compiler.sql;

import dev.fsc.compiler.diag.Code;
import dev.fsc.compiler.diag.Diagnostic;
import dev.fsc.compiler.diag.DidYouMean;
import dev.fsc.compiler.source.SourcePos;
import dev.fsc.compiler.spec.SqlText;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Turns Calcite's parse and validation exceptions into positioned diagnostics. Calcite positions are
 * relative to the statement it saw; {@code prefix} says how many characters fsc put before the user's
 * SQL on its first line (e.g. {@code SELECT }), so the position lands on the user's text.
 */
final class SqlErrors {
    private static final Pattern UNKNOWN_COLUMN = Pattern.compile("Column '([^']+)' not found in (any table|table '[^']*')");
    private static final Pattern UNKNOWN_TABLE = Pattern.compile("Object '([^']+)' not found");
    private static final Pattern UNKNOWN_FUNCTION = Pattern.compile("No match found for function signature ([A-Za-z_0-9]+)\\(");
    private static final Pattern NOT_TEMPORAL = Pattern.compile("Table '([^']+)' is not a temporal table");
    private final Collection<String> columnCandidates;
    private final Collection<String> tableCandidates;

    SqlErrors(Collection<String> columnCandidates, Collection<String> tableCandidates) {
        this.columnCandidates = columnCandidates;
        this.tableCandidates = tableCandidates;
    }

    Diagnostic parseError(SqlParseException e, SqlText text, int prefix) {
        SqlParserPos pos = e.getPos();
        SourcePos at = pos == null ? text.pos() : map(text, prefix, pos.getLineNum(), pos.getColumnNum(),
                pos.getEndLineNum() == pos.getLineNum() ? pos.getEndColumnNum() - pos.getColumnNum() + 1 : 1);
        String first = e.getMessage().lines().findFirst().orElse("syntax error");
        String message = first.replaceAll(" at line \\d+, column \\d+\\.?", "").replace("Encountered \"<EOF>\"", "unexpected end of SQL")
                .replace("Encountered ", "unexpected ");
        Diagnostic diagnostic = Diagnostic.error(Code.SQL_SYNTAX, at, "SQL syntax error: " + message);
        return diagnostic.withHint(expected(e));
    }

    private static Optional<String> expected(SqlParseException e) {
        if (e.getExpectedTokenSequences() == null || e.getTokenImages() == null) {
            return Optional.empty();
        }
        List<String> tokens = java.util.Arrays.stream(e.getExpectedTokenSequences())
                .filter(seq -> seq.length > 0)
                .map(seq -> e.getTokenImages()[seq[0]])
                .filter(t -> !t.startsWith("<") && !t.equals("\"(\""))
                .distinct().limit(4).toList();
        // a long list of expected tokens is noise; a short one is a real hint ("expected )")
        return tokens.isEmpty() || tokens.size() > 3
                ? Optional.of("check for a missing operand, operator, bracket or quote here")
                : Optional.of("expected " + String.join(" or ", tokens));
    }

    Diagnostic validationError(CalciteContextException e, SqlText text, int prefix) {
        int length = e.getEndPosLine() == e.getPosLine() ? e.getEndPosColumn() - e.getPosColumn() + 1 : 1;
        SourcePos at = e.getPosLine() > 0 ? map(text, prefix, e.getPosLine(), e.getPosColumn(), length) : text.pos();
        String cause = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
        Matcher column = UNKNOWN_COLUMN.matcher(cause);
        if (column.find()) {
            return Diagnostic.error(Code.SQL_UNKNOWN_COLUMN, at, "unknown column `" + column.group(1) + "`")
                    .withHint(DidYouMean.hint(column.group(1), columnCandidates)
                            .orElse("identifiers are case-sensitive; quote names with backticks if needed"));
        }
        Matcher table = UNKNOWN_TABLE.matcher(cause);
        if (table.find()) {
            return Diagnostic.error(Code.SQL_UNKNOWN_TABLE, at, "unknown table `" + table.group(1) + "`")
                    .withHint(DidYouMean.hint(table.group(1), tableCandidates)
                            .orElse("a query reads sources by name: " + String.join(", ", tableCandidates)));
        }
        Matcher function = UNKNOWN_FUNCTION.matcher(cause);
        if (function.find()) {
            List<String> names = CalciteSetup.OPERATORS.getOperatorList().stream().map(SqlOperator::getName)
                    .filter(n -> n.matches("[A-Z_]+")).distinct().toList();
            return Diagnostic.error(Code.SQL_UNKNOWN_FUNCTION, at, "unknown function `" + function.group(1) + "`, or wrong argument types")
                    .withHint(DidYouMean.hint(function.group(1), names)
                            .orElse("fsc accepts standard SQL functions that both Spark and Flink support"));
        }
        Matcher temporal = NOT_TEMPORAL.matcher(cause);
        if (temporal.find()) {
            return Diagnostic.error(Code.SQL_INVALID, at, "`" + temporal.group(1) + "` is not a cdc source, so it has no versions to read AS OF")
                    .withHint("FOR SYSTEM_TIME AS OF joins a cdc source (rows versioned by primary key); join a stream with a plain JOIN");
        }
        return Diagnostic.error(Code.SQL_INVALID, at, "invalid SQL: " + cause.replace("\n", " "))
                .withHint("fsc does not convert types implicitly: CAST explicitly, e.g. CAST(x AS DOUBLE)");
    }

    private static SourcePos map(SqlText text, int prefix, int line, int column, int length) {
        return text.posAt(line, line == 1 ? Math.max(1, column - prefix) : column, Math.max(1, length));
    }

    /** A parsed node's position inside the user's SQL; {@code lineOffset} lines of the statement came before it. */
    static SourcePos at(SqlText text, int prefix, int lineOffset, SqlParserPos pos) {
        int length = pos.getEndLineNum() == pos.getLineNum() ? pos.getEndColumnNum() - pos.getColumnNum() + 1 : 1;
        return map(text, prefix, pos.getLineNum() - lineOffset, pos.getColumnNum(), length);
    }
}
