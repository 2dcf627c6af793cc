package dev.fsc.spark;

import dev.fsc.common.manifest.CreatedTables;
import dev.fsc.common.manifest.JobManifest;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.SparkSession;

/**
 * The tables the manifests create ({@code CREATE TABLE IF NOT EXISTS}, which leaves an existing table as it is)
 * against the live ones: what a table should look like is what its own statement makes in a scratch catalog, so
 * Spark and Iceberg decide the declared schema, not a parser of ours. Compatible differences are applied in place
 * through Iceberg's schema update (columns added, in their declared position since the inserts are positional;
 * types widened where Iceberg allows); anything else — a column dropped, a type changed or narrowed, another
 * partitioning — is refused and the live table left untouched.
 */
final class TableEvolution {
    /** The scratch catalog the declared tables are made in. */
    static final String DECLARED = "fsc_declared";

    /** What evolving one table takes. */
    record TablePlan(String table, String statement, boolean missing, List<String> added, List<String> widened,
                     List<String> incompatible) {
        boolean changes() {
            return missing || !added.isEmpty() || !widened.isEmpty();
        }
    }

    private final SparkSession spark;
    private final String catalog;

    TableEvolution(SparkSession spark, String catalog) {
        this.spark = spark;
        this.catalog = catalog;
    }

    /** The spark conf of the scratch catalog, in {@code scratch} (a fresh folder). */
    static Map<String, String> scratchCatalog(Path scratch) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.sql.catalog." + DECLARED, "org.apache.iceberg.spark.SparkCatalog");
        conf.put("spark.sql.catalog." + DECLARED + ".type", "hadoop");
        conf.put("spark.sql.catalog." + DECLARED + ".warehouse", scratch.toAbsolutePath().toUri().toString());
        return conf;
    }

    /** Every table the manifests create, compared with the live one, in order of first creation. */
    List<TablePlan> plan(List<JobManifest> manifests) throws Exception {
        Map<String, String> statements = new LinkedHashMap<>();
        for (JobManifest manifest : manifests) {
            for (JobManifest.Step step : manifest.steps()) {
                for (String sql : manifest.resolvedSql(step)) {
                    CreatedTables.of(sql).ifPresent(table -> statements.putIfAbsent(table, sql));
                }
            }
        }
        List<TablePlan> plans = new ArrayList<>();
        for (Map.Entry<String, String> e : statements.entrySet()) {
            plans.add(compare(e.getKey(), e.getValue()));
        }
        return plans;
    }

    private TablePlan compare(String table, String statement) throws Exception {
        String namespace = table.substring(0, table.lastIndexOf('.'));
        spark.sql("CREATE NAMESPACE IF NOT EXISTS " + DECLARED + "." + namespace);
        spark.sql("USE " + DECLARED);
        try {
            spark.sql(statement);
        } finally {
            spark.sql("USE " + catalog);
        }
        Table declared = Spark3Util.loadIcebergTable(spark, DECLARED + "." + table);
        Optional<Table> live = live(table);
        if (live.isEmpty()) {
            return new TablePlan(table, statement, true, List.of(), List.of(), List.of());
        }
        Schema want = declared.schema();
        Schema have = live.get().schema();
        List<String> added = new ArrayList<>();
        List<String> widened = new ArrayList<>();
        List<String> incompatible = new ArrayList<>();
        for (Types.NestedField column : want.columns()) {
            Types.NestedField current = have.findField(column.name());
            if (current == null) {
                added.add(column.name());
            } else if (!sameShape(current.type(), column.type())) {
                if (current.type().isPrimitiveType() && column.type().isPrimitiveType()
                        && TypeUtil.isPromotionAllowed(current.type(), column.type().asPrimitiveType())) {
                    widened.add(column.name());
                } else {
                    incompatible.add("column " + column.name() + " is " + current.type() + ", the spec makes it " + column.type());
                }
            }
        }
        for (Types.NestedField column : have.columns()) {
            if (want.findField(column.name()) == null) {
                incompatible.add("column " + column.name() + " (" + column.type() + ") is no longer produced");
            }
        }
        if (!partitioning(declared).equals(partitioning(live.get()))) {
            incompatible.add("partitioned by " + partitioning(live.get()) + ", the spec partitions by " + partitioning(declared));
        }
        return new TablePlan(table, statement, false, added, widened, incompatible);
    }

    /**
     * Equal types, field ids aside: two tables number their nested fields each in their own way. A timestamp's zone
     * flag is not compared: the streaming path creates a table's timestamps without one (Flink's TIMESTAMP), the
     * batch path with one (Spark's), so it only says which engine created the table first — nothing a deploy
     * should change or refuse.
     */
    static boolean sameShape(Type a, Type b) {
        if (a.typeId() == Type.TypeID.TIMESTAMP && b.typeId() == Type.TypeID.TIMESTAMP) {
            return true;
        }
        if (a.isPrimitiveType() || b.isPrimitiveType()) {
            return a.equals(b);
        }
        if (a.typeId() != b.typeId()) {
            return false;
        }
        List<Types.NestedField> as = a.asNestedType().fields();
        List<Types.NestedField> bs = b.asNestedType().fields();
        if (as.size() != bs.size()) {
            return false;
        }
        for (int i = 0; i < as.size(); i++) {
            if (!as.get(i).name().equals(bs.get(i).name()) || as.get(i).isOptional() != bs.get(i).isOptional()
                    || !sameShape(as.get(i).type(), bs.get(i).type())) {
                return false;
            }
        }
        return true;
    }

    private Optional<Table> live(String table) throws Exception {
        if (!(boolean) spark.catalog().tableExists(catalog + "." + table)) {
            return Optional.empty();
        }
        return Optional.of(Spark3Util.loadIcebergTable(spark, catalog + "." + table));
    }

    private static List<String> partitioning(Table table) {
        List<String> fields = new ArrayList<>();
        for (PartitionField f : table.spec().fields()) {
            fields.add(f.transform() + "(" + table.schema().findColumnName(f.sourceId()) + ")");
        }
        return fields;
    }

    /** Applies compatible plans: creates missing tables, adds and widens columns, in the declared column order. */
    void apply(List<TablePlan> plans, PrintStream out) throws Exception {
        for (TablePlan plan : plans) {
            if (plan.missing()) {
                spark.sql(plan.statement());
                out.println("created " + plan.table());
                continue;
            }
            if (plan.added().isEmpty() && plan.widened().isEmpty()) {
                continue;
            }
            Table live = Spark3Util.loadIcebergTable(spark, catalog + "." + plan.table());
            Schema want = Spark3Util.loadIcebergTable(spark, DECLARED + "." + plan.table()).schema();
            UpdateSchema update = live.updateSchema();
            for (String column : plan.added()) {
                update.addColumn(column, want.findType(column), want.findField(column).doc());
            }
            for (String column : plan.widened()) {
                update.updateColumn(column, want.findType(column).asPrimitiveType());
            }
            String previous = null;
            for (Types.NestedField column : want.columns()) {
                if (previous == null) {
                    update.moveFirst(column.name());
                } else {
                    update.moveAfter(column.name(), previous);
                }
                previous = column.name();
            }
            update.commit();
            out.println("evolved " + plan.table() + ": " + describe(plan));
        }
    }

    static String describe(TablePlan plan) {
        List<String> parts = new ArrayList<>();
        if (plan.missing()) {
            parts.add("create");
        }
        plan.added().forEach(c -> parts.add("add column " + c));
        plan.widened().forEach(c -> parts.add("widen column " + c));
        plan.incompatible().forEach(c -> parts.add("INCOMPATIBLE: " + c));
        return String.join("; ", parts);
    }
}
