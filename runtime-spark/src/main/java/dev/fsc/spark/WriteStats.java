package dev.fsc.spark;

import java.util.Optional;

import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.spark.source.SparkTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.V2WriteCommand;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;

/**
 * Rows a statement wrote, read from the Iceberg snapshot its write committed ({@code added-records}
 * of the summary): exact, and free — no extra Spark job. Only for writes into Iceberg tables through
 * Spark's v2 write commands (INSERT [OVERWRITE], MERGE, UPDATE, DELETE); anything else has no count.
 */
final class WriteStats {
    private WriteStats() {
    }

    /**
     * One write.
     *
     * @param table catalog-relative name when in the job's catalog, else fully qualified
     * @param branch the branch the write went to
     * @param rows records added by its snapshot
     */
    record Write(String table, String branch, long rows) {
    }

    /**
     * The write {@code result} (the Dataset of an executed statement) made, if it was a v2 write into
     * an Iceberg table that committed a snapshot at or after {@code startedMillis}.
     */
    static Optional<Write> of(Dataset<Row> result, String jobCatalog, Optional<String> wapBranch, long startedMillis) {
        if (!(result instanceof org.apache.spark.sql.classic.Dataset<Row> classic)) {
            return Optional.empty();
        }
        LogicalPlan plan = classic.queryExecution().analyzed();
        if (!(plan instanceof V2WriteCommand write) || !(write.table() instanceof DataSourceV2Relation relation)
                || !(relation.table() instanceof SparkTable sparkTable)) {
            return Optional.empty();
        }
        org.apache.iceberg.Table table = sparkTable.table();
        table.refresh();
        String branch;
        if (wapBranch.isPresent() && "true".equals(table.properties().get(Branches.WAP_ENABLED))) {
            branch = wapBranch.get();
        } else {
            branch = sparkTable.branch() != null ? sparkTable.branch() : SnapshotRef.MAIN_BRANCH;
        }
        SnapshotRef ref = table.refs().get(branch);
        if (ref == null) {
            return Optional.empty();
        }
        Snapshot snapshot = table.snapshot(ref.snapshotId());
        if (snapshot == null || snapshot.timestampMillis() < startedMillis) {
            return Optional.empty(); // nothing committed by this statement
        }
        String added = snapshot.summary().get(SnapshotSummary.ADDED_RECORDS_PROP);
        long rows = added == null ? 0 : Long.parseLong(added);
        return Optional.of(new Write(name(relation, jobCatalog), branch, rows));
    }

    private static String name(DataSourceV2Relation relation, String jobCatalog) {
        if (relation.identifier().isEmpty()) {
            return relation.name();
        }
        Identifier id = relation.identifier().get();
        String local = String.join(".", id.namespace()) + (id.namespace().length > 0 ? "." : "") + id.name();
        String catalog = relation.catalog().isDefined() ? relation.catalog().get().name() : jobCatalog;
        return catalog.equals(jobCatalog) ? local : catalog + "." + local;
    }
}
