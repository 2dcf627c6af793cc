package dev.fsc.spark;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.plans.logical.DeleteFromTable;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoStatement;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.MergeIntoTable;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import org.apache.spark.sql.catalyst.plans.logical.UpdateTable;

import scala.jdk.javaapi.CollectionConverters;

/**
 * Write–audit–publish on Iceberg branches, through Iceberg's table API.
 *
 * <p>With a branch, the session sets {@code spark.wap.branch}; Iceberg then sends writes to, and
 * reads from, that branch — but only for tables with {@code write.wap.enabled=true}; others would
 * be written straight to main. So before each statement the runner parses it, and if it writes a
 * table of the job's catalog (INSERT, MERGE, UPDATE, DELETE), gives that table the property and
 * the branch first (created at main's head; on an empty table, an empty snapshot on the branch).
 * Main then changes only through {@link #publish}: a fast-forward of main to the branch that also
 * drops the branch, in one metadata commit per table — or, when main has moved since the branch was
 * cut (a live job's appends), the branch's change committed on top of main ({@link BranchRebase}).
 * An existing branch is kept: a failed run can be resumed.
 */
final class Branches {
    static final String MAIN = SnapshotRef.MAIN_BRANCH;
    static final String WAP_ENABLED = "write.wap.enabled";

    private final SparkSession spark;
    private final String catalog;
    private final String branch;
    private final Set<String> prepared = new LinkedHashSet<>();
    private final Set<String> written = new LinkedHashSet<>();

    Branches(SparkSession spark, String catalog, String branch) {
        this.spark = spark;
        this.catalog = catalog;
        this.branch = branch;
    }

    String branch() {
        return branch;
    }

    /** Tables of the job's catalog that statements wrote (on the branch), catalog-relative, in order. */
    List<String> written() {
        return List.copyOf(written);
    }

    /** Puts the table {@code sql} writes, if any, on the branch before the statement runs. */
    void beforeStatement(String sql) {
        for (String table : writeTargets(sql)) {
            if (ensure(table)) {
                written.add(table);
            }
        }
    }

    /**
     * The tables of the job's catalog a statement writes, catalog-relative; empty for anything else
     * (reads, DDL, statements that do not parse — Spark reports those when it runs them).
     */
    List<String> writeTargets(String sql) {
        LogicalPlan plan;
        try {
            plan = ((org.apache.spark.sql.classic.SparkSession) spark).sessionState().sqlParser().parsePlan(sql);
        } catch (Exception e) { // ParseException is checked in Scala only
            return List.of();
        }
        while (plan instanceof UnresolvedWith with) {
            plan = with.child();
        }
        LogicalPlan target = null;
        if (plan instanceof InsertIntoStatement insert) {
            target = insert.table();
        } else if (plan instanceof MergeIntoTable merge) {
            target = merge.targetTable();
        } else if (plan instanceof UpdateTable update) {
            target = update.table();
        } else if (plan instanceof DeleteFromTable delete) {
            target = delete.table();
        }
        while (target instanceof SubqueryAlias alias) {
            target = alias.child();
        }
        if (!(target instanceof UnresolvedRelation relation)) {
            return List.of();
        }
        List<String> parts = new ArrayList<>(CollectionConverters.asJava(relation.multipartIdentifier()));
        return local(parts).map(List::of).orElse(List.of());
    }

    /** A multi-part name as catalog-relative, if it is in the job's catalog. */
    private Optional<String> local(List<String> parts) {
        String current = spark.conf().get("spark.sql.defaultCatalog", catalog);
        if (parts.size() >= 3) {
            if (!parts.get(0).equalsIgnoreCase(catalog)) {
                return Optional.empty();
            }
            parts = parts.subList(1, parts.size());
        } else if (!current.equalsIgnoreCase(catalog)) {
            return Optional.empty();
        }
        if (parts.size() == 1) {
            String[] ns = ((org.apache.spark.sql.classic.SparkSession) spark).sessionState().catalogManager().currentNamespace();
            List<String> qualified = new ArrayList<>(List.of(ns));
            qualified.addAll(parts);
            parts = qualified;
        }
        if (parts.get(parts.size() - 1).toLowerCase(Locale.ROOT).startsWith("branch_")) {
            return Optional.empty(); // an explicit branch (`t.branch_x`): the statement chose where to write
        }
        return Optional.of(String.join(".", parts));
    }

    /** Prepares a table once; false if it does not exist (yet). */
    private boolean ensure(String name) {
        if (prepared.contains(name)) {
            return true;
        }
        Optional<Table> t = load(name);
        if (t.isEmpty()) {
            return false;
        }
        prepare(name, t.get());
        prepared.add(name);
        return true;
    }

    private void prepare(String name, Table table) {
        table.refresh();
        if (!"true".equals(table.properties().get(WAP_ENABLED))) {
            table.updateProperties().set(WAP_ENABLED, "true").commit();
        }
        SnapshotRef ref = table.refs().get(branch);
        if (ref == null) {
            table.manageSnapshots().createBranch(branch).commit();
            return;
        }
        if (!ref.isBranch()) {
            throw new StepFailure("table " + name + " has a tag named " + branch + "; the job's branch needs that name");
        }
    }

    /**
     * Fast-forwards main to the branch and drops the branch, in one commit.
     *
     * @return main's snapshot id afterwards
     */
    long publish(String name) {
        if (!ensure(name)) {
            throw new StepFailure("cannot publish " + name + ": no such table");
        }
        Table table = load(name).orElseThrow();
        table.refresh();
        SnapshotRef ref = table.refs().get(branch);
        if (ref == null) {
            throw new StepFailure("cannot publish " + name + ": it has no branch " + branch);
        }
        long published;
        if (canFastForward(table, ref)) {
            table.manageSnapshots().fastForwardBranch(MAIN, branch).removeBranch(branch).commit();
            table.refresh();
            published = table.currentSnapshot().snapshotId();
        } else {
            published = new BranchRebase(table, name, branch).publish();
        }
        prepared.remove(name); // the branch is gone; a later write would need it again
        return published;
    }

    /**
     * Why the tables could not all be published, checked before the first is: main of one moved since the
     * branch was cut in a partition the branch rewrote. Empty if every table can be published.
     */
    List<String> conflicts(List<String> tables) {
        List<String> conflicts = new ArrayList<>();
        for (String name : tables) {
            Optional<Table> t = load(name);
            if (t.isEmpty()) {
                continue; // publish reports a missing table
            }
            Table table = t.get();
            table.refresh();
            SnapshotRef ref = table.refs().get(branch);
            if (ref != null && !canFastForward(table, ref)) {
                new BranchRebase(table, name, branch).conflict().ifPresent(conflicts::add);
            }
        }
        return conflicts;
    }

    /** Main is empty or an ancestor of the branch: a fast-forward loses nothing. */
    private static boolean canFastForward(Table table, SnapshotRef ref) {
        Snapshot main = table.currentSnapshot();
        return main == null || main.snapshotId() == ref.snapshotId()
                || SnapshotUtil.isAncestorOf(table, ref.snapshotId(), main.snapshotId());
    }

    /** The Iceberg table behind a catalog-relative name, if it exists. */
    Optional<Table> load(String name) {
        try {
            return Optional.of(Spark3Util.loadIcebergTable(spark, catalog + "." + name));
        } catch (NoSuchTableException e) {
            return Optional.empty();
        } catch (org.apache.spark.sql.catalyst.parser.ParseException e) {
            throw new StepFailure("invalid table name " + name + ": " + e.getMessage());
        }
    }
}
