package dev.fsc.compiler.sql;

import java.util.Optional;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * Comparisons must compare like with like. Calcite accepts {@code qty > 'x'} even with coercion off;
 * Spark and Flink would cast silently, and differently, so fsc asks for an explicit CAST.
 */
final class ComparisonTypes {
    private ComparisonTypes() {
    }

    /** "INTEGER with CHAR(1)" when the two sides of a comparison are of different kinds. */
    static Optional<String> mismatch(SqlValidator validator, SqlCall comparison) {
        if (comparison.operandCount() != 2) {
            return Optional.empty();
        }
        RelDataType left = typeOf(validator, comparison.operand(0));
        RelDataType right = typeOf(validator, comparison.operand(1));
        if (left == null || right == null || kind(left).equals(kind(right))
                || left.getSqlTypeName() == SqlTypeName.NULL || right.getSqlTypeName() == SqlTypeName.NULL) {
            return Optional.empty();
        }
        return Optional.of(left.getFullTypeString().replace(" NOT NULL", "") + " with "
                + right.getFullTypeString().replace(" NOT NULL", ""));
    }

    private static RelDataType typeOf(SqlValidator validator, SqlNode node) {
        return validator.getValidatedNodeTypeIfKnown(node);
    }

    private static String kind(RelDataType type) {
        if (SqlTypeUtil.isNumeric(type)) {
            return "number";
        }
        if (SqlTypeUtil.isCharacter(type)) {
            return "string";
        }
        if (SqlTypeUtil.isDatetime(type)) {
            return "time";
        }
        if (SqlTypeUtil.isBoolean(type)) {
            return "boolean";
        }
        return type.getSqlTypeName().getFamily() == null ? type.getSqlTypeName().name()
                : type.getSqlTypeName().getFamily().toString();
    }
}
