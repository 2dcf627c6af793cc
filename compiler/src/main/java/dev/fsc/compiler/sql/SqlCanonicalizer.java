package dev.fsc.compiler.sql;

import dev.fsc.compiler.spec.SqlText;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    /**
     * A pure function's memo, by SQL text: planning asks for the same snippet several times (per window,
     * per tile size, for its text and for its names), and parsing is the expensive part.
     */
    private static final Map<String, Parsed> PARSED = new ConcurrentHashMap<>();

    private SqlCanonicalizer() {
    }

    /** What planning needs of one snippet, from one parse. */
    private record Parsed(String canonical, Set<String> simpleNames, Set<String> mentionedNames) {
    }

    public static String expression(SqlText text) {
        return parsed(text, false).canonical();
    }

    public static String query(SqlText text) {
        return parsed(text, true).canonical();
    }

    /** Every single-part identifier of a query: the candidates for the tables it reads. */
    public static Set<String> simpleNames(SqlText query) {
        return parsed(query, true).simpleNames();
    }

    /** Every name an expression or query mentions, including each part of {@code alias.column}: the columns it may read. */
    public static Set<String> mentionedNames(SqlText sql, boolean query) {
        return parsed(sql, query).mentionedNames();
    }

    private static Parsed parsed(SqlText text, boolean query) {
        return PARSED.computeIfAbsent((query ? "Q:" : "E:") + text.sql(), key -> {
            SqlNode node = parse(text, query);
            return new Parsed(print(node), Set.copyOf(names(node, false)), Set.copyOf(names(node, true)));
        });
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
