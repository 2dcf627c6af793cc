package dev.fsc.compiler.sql;

import dev.fsc.compiler.spec.SqlText;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.SparkSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * The canonical text of a (valid) SQL snippet: parsed and printed back by Calcite, so that
 * whitespace, line breaks and keyword case do not change a plan's fingerprint.
 */
public final class SqlCanonicalizer {
    private SqlCanonicalizer() {
    }

    public static String expression(SqlText text) {
        return print(parse(text, false));
    }

    public static String query(SqlText text) {
        return print(parse(text, true));
    }

    /** Every single-part identifier of a query: the candidates for the tables it reads. */
    public static Set<String> simpleNames(SqlText query) {
        return names(parse(query, true), false);
    }

    /** Every name an expression or query mentions, including each part of {@code alias.column}: the columns it may read. */
    public static Set<String> mentionedNames(SqlText sql, boolean query) {
        return names(parse(sql, query), true);
    }

    private static Set<String> names(SqlNode node, boolean everyPart) {
        Set<String> names = new LinkedHashSet<>();
        node.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlIdentifier id) {
                if (everyPart) {
                    names.addAll(id.names);
                } else if (id.isSimple()) {
                    names.add(id.getSimple());
                }
                return id;
            }
        });
        return names;
    }

    private static SqlNode parse(SqlText text, boolean query) {
        try {
            SqlParser parser = SqlParser.create(text.sql(), CalciteSetup.PARSER);
            return query ? parser.parseQuery() : parser.parseExpression();
        } catch (SqlParseException e) {
            throw new IllegalStateException("canonicalizing SQL that did not validate: " + text.sql(), e);
        }
    }

    private static String print(SqlNode node) {
        return node.toSqlString(c -> c.withDialect(SparkSqlDialect.DEFAULT).withQuoteAllIdentifiers(false)
                .withAlwaysUseParentheses(false)).getSql().replaceAll("\\s*\\n\\s*", " ");
    }
}
