package dev.fsc.compiler.sql;

import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/** Decimals up to 38 digits, as in Spark and Flink (Calcite's default stops at 19). */
final class FscTypeSystem extends RelDataTypeSystemImpl {
    static final FscTypeSystem INSTANCE = new FscTypeSystem();
    private static final int MAX_DECIMAL_PRECISION = 38;

    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL_PRECISION : super.getMaxPrecision(typeName);
    }

    @Override
    public int getMaxScale(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL_PRECISION : super.getMaxScale(typeName);
    }
}
