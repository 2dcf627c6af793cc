package dev.fsc.compiler.sql;

import java.util.Properties;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.Lex;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;

/**
 * The one place Calcite is configured: case-sensitive identifiers as written (Lex.JAVA), standard
 * functions only (what Spark and Flink both have), and no implicit type coercion, so that
 * {@code SUM(varchar)} or {@code amount + 'abc'} are errors instead of silent casts.
 */
final class CalciteSetup {
    static final SqlParser.Config PARSER = SqlParser.config()
            .withLex(Lex.JAVA)
            .withUnquotedCasing(Casing.UNCHANGED)
            .withQuotedCasing(Casing.UNCHANGED)
            .withConformance(SqlConformanceEnum.DEFAULT);

    static final SqlOperatorTable OPERATORS = SqlStdOperatorTable.instance();

    private static final SqlValidator.Config VALIDATOR = SqlValidator.Config.DEFAULT
            .withTypeCoercionEnabled(false)
            .withIdentifierExpansion(true)
            .withConformance(SqlConformanceEnum.DEFAULT);

    private CalciteSetup() {
    }

    static RelDataTypeFactory typeFactory() {
        return new JavaTypeFactoryImpl(FscTypeSystem.INSTANCE);
    }

    static CalciteConnectionConfig connectionConfig() {
        Properties properties = new Properties();
        properties.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "true");
        return new CalciteConnectionConfigImpl(properties);
    }

    static SqlValidator validator(CalciteCatalogReader catalog) {
        return SqlValidatorUtil.newValidator(OPERATORS, catalog, catalog.getTypeFactory(), VALIDATOR);
    }
}
