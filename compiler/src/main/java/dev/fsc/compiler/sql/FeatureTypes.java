package dev.fsc.compiler.sql;

import dev.fsc.compiler.spec.FeatureViewSpec.Agg;
import java.util.Optional;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * The result type of each aggregation: fsc's contract, the same in Spark and Flink. Sums widen
 * (integers to BIGINT, decimals to 38 digits), averages are DOUBLE, counts are BIGINT; every
 * feature is nullable except counts of views without a ttl (an empty window counts 0).
 */
final class FeatureTypes {
    private final RelDataTypeFactory types;

    FeatureTypes(RelDataTypeFactory types) {
        this.types = types;
    }

    /** Why {@code agg} cannot aggregate values of {@code input}, if it cannot. */
    Optional<String> misfit(Agg agg, RelDataType input) {
        boolean numeric = SqlTypeUtil.isNumeric(input);
        boolean complex = input.isStruct() || SqlTypeUtil.isCollection(input) || SqlTypeUtil.isMap(input);
        return switch (agg) {
            case SUM, AVG -> numeric ? Optional.empty()
                    : Optional.of(agg.yamlName() + " needs a number, but the expression is " + input.getFullTypeString());
            case MIN, MAX -> numeric || SqlTypeUtil.isCharacter(input) || SqlTypeUtil.isDatetime(input) ? Optional.empty()
                    : Optional.of(agg.yamlName() + " needs an ordered type (number, string, date/time), not "
                    + input.getFullTypeString());
            case COUNT, COUNT_DISTINCT, LAST -> complex
                    ? Optional.of(agg.yamlName() + " cannot aggregate " + input.getFullTypeString()) : Optional.empty();
        };
    }

    RelDataType resultType(Agg agg, Optional<RelDataType> input, boolean hasTtl) {
        RelDataType result = switch (agg) {
            case COUNT, COUNT_DISTINCT -> types.createTypeWithNullability(types.createSqlType(SqlTypeName.BIGINT), hasTtl);
            case AVG -> types.createSqlType(SqlTypeName.DOUBLE);
            case SUM -> sumType(input.orElseThrow());
            case MIN, MAX, LAST -> input.orElseThrow();
        };
        return agg == Agg.COUNT || agg == Agg.COUNT_DISTINCT ? result : types.createTypeWithNullability(result, true);
    }

    private RelDataType sumType(RelDataType input) {
        if (input.getSqlTypeName().getFamily() == SqlTypeFamily.NUMERIC && SqlTypeUtil.isExactNumeric(input)) {
            return SqlTypeUtil.isDecimal(input)
                    ? types.createSqlType(SqlTypeName.DECIMAL, 38, input.getScale())
                    : types.createSqlType(SqlTypeName.BIGINT);
        }
        return types.createSqlType(SqlTypeName.DOUBLE);
    }
}
