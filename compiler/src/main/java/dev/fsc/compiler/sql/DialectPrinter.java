package dev.fsc.compiler.sql;

import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * Re-parses SQL that already validated and prints it in an engine's dialect: the part the Spark and Flink
 * printers share (each adds its own rewrites between {@link #parse} and {@link #print}).
 */
final class DialectPrinter {
    private final SqlDialect dialect;

    DialectPrinter(SqlDialect dialect) {
        this.dialect = dialect;
    }

    static SqlNode parse(String sql, boolean query) {
        try {
            SqlParser parser = SqlParser.create(sql, CalciteSetup.PARSER);
            return query ? parser.parseQuery() : parser.parseExpression();
        } catch (SqlParseException e) {
            throw new IllegalStateException("printing SQL that did not validate: " + sql, e);
        }
    }

    String print(SqlNode node) {
        return node.toSqlString(c -> c.withDialect(dialect).withQuoteAllIdentifiers(false)
                .withAlwaysUseParentheses(false).withIndentation(2)).getSql();
    }
}
