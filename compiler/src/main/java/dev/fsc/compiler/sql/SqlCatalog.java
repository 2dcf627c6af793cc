package dev.fsc.compiler.sql;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.TemporalTable;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * The Calcite catalog of a project: one table per source (CDC sources are temporal, so a query can
 * join them {@code FOR SYSTEM_TIME AS OF}), and one per {@code query:} view in schema {@code views}.
 */
final class SqlCatalog {
    static final String VIEW_SCHEMA = "views";
    private final RelDataTypeFactory types = CalciteSetup.typeFactory();
    private final CalciteSchema root = CalciteSchema.createRootSchema(false, false);
    private final CalciteSchema views = root.add(VIEW_SCHEMA, new AbstractSchema());
    private final CalciteCatalogReader reader = new CalciteCatalogReader(root, List.of(), types, CalciteSetup.connectionConfig());
    private final Set<String> columnNames = new LinkedHashSet<>();

    RelDataTypeFactory types() {
        return types;
    }

    CalciteCatalogReader reader() {
        return reader;
    }

    void addSource(String name, RelDataType rowType, boolean versioned, String timeColumn) {
        root.add(name, versioned ? new VersionedTable(rowType, timeColumn) : new FixedTable(rowType));
        rowType.getFieldList().forEach(f -> columnNames.add(f.getName()));
    }

    void addView(String name, RelDataType rowType) {
        views.add(name, new FixedTable(rowType));
    }

    /** Every column name in the catalog: the candidates for "did you mean" in queries. */
    Set<String> columnNames() {
        return Set.copyOf(columnNames);
    }

    Set<String> tableNames() {
        return root.getTableNames();
    }

    static List<String> fieldNames(RelDataType rowType) {
        return rowType.getFieldList().stream().map(RelDataTypeField::getName).toList();
    }

    private static class FixedTable extends AbstractTable {
        private final RelDataType rowType;

        FixedTable(RelDataType rowType) {
            this.rowType = rowType;
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory typeFactory) {
            return rowType;
        }
    }

    /** A CDC source: rows have versions over time, so it can be read as of a time. */
    private static final class VersionedTable extends FixedTable implements TemporalTable {
        private final String timeColumn;

        VersionedTable(RelDataType rowType, String timeColumn) {
            super(rowType);
            this.timeColumn = timeColumn;
        }

        @Override
        public String getSysStartFieldName() {
            return timeColumn;
        }

        @Override
        public String getSysEndFieldName() {
            return timeColumn;
        }
    }
}
