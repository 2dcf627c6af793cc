package dev.fsc.compiler.sql;

import org.apache.calcite.sql.parser.SqlParser;

/** How spec SQL is parsed, for tools outside the compiler that re-read it (the sample-data generator). */
public final class SpecSql {
    private SpecSql() {
    }

    /** The compiler's parser settings: case-sensitive identifiers as written, standard conformance. */
    public static SqlParser.Config parserConfig() {
        return CalciteSetup.PARSER;
    }
}
