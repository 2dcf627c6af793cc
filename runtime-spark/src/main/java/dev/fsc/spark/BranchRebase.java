package dev.fsc.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.apache.iceberg.ContentFile;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.util.ContentFileUtil;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * Publishing a branch when main has moved since it was cut — the normal case while a streaming job keeps
 * committing to the same tables. A fast-forward would drop main's new commits, so instead the branch's net
 * change (data and delete files it added and removed since the fork) is committed on top of main, together
 * with dropping the branch, in one metadata commit.
 *
 * <p>That is only correct when main's new commits and the branch changed disjoint partitions (the streaming
 * job appending today while a backfill rewrote the last 90 days): if both touched a partition, one side's rows
 * would be lost or counted twice, so that is refused, naming the commit and the partition. The commit itself
 * is validated by Iceberg against main's head as checked: a commit that lands in between fails validation and
 * the check runs again over the newer commits.
 */
final class BranchRebase {
    /** Published rebase commits carry this summary property: the branch they came from. */
    static final String REBASED_FROM = "fsc.rebased-from-branch";
    private static final int ATTEMPTS = 10;

    private final Table table;
    private final String name;
    private final String branch;

    BranchRebase(Table table, String name, String branch) {
        this.table = table;
        this.name = name;
        this.branch = branch;
    }

    /** Main's commits since the fork as far as they conflict with the branch; empty if the rebase can go ahead. */
    Optional<String> conflict() {
        table.refresh();
        Snapshot main = table.currentSnapshot();
        SnapshotRef ref = table.refs().get(branch);
        Long fork = forkPoint(ref.snapshotId(), main.snapshotId());
        Set<String> branchPartitions = partitions(since(ref.snapshotId(), fork));
        for (Snapshot commit : since(main.snapshotId(), fork)) {
            Set<String> overlap = new TreeSet<>(partitions(List.of(commit)));
            overlap.retainAll(branchPartitions);
            if (!overlap.isEmpty()) {
                return Optional.of("main of " + name + " has commit " + commit.snapshotId() + " (" + commit.operation()
                        + ", " + java.time.Instant.ofEpochMilli(commit.timestampMillis()) + ") since branch " + branch
                        + " was cut, and it changed " + describe(overlap) + ", which the branch rewrote too: publishing"
                        + " would lose or double-count those rows");
            }
        }
        return Optional.empty();
    }

    /**
     * Commits the branch's net change on top of main and drops the branch, atomically.
     *
     * @return main's snapshot id afterwards
     */
    long publish() {
        ValidationException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<String> conflict = conflict();
            if (conflict.isPresent()) {
                throw new StepFailure("cannot publish " + name + ": " + conflict.get() + "; main is unchanged");
            }
            long checkedHead = table.currentSnapshot().snapshotId();
            try {
                commitOnMain();
                table.refresh();
                return table.currentSnapshot().snapshotId();
            } catch (ValidationException e) {
                table.refresh();
                if (table.currentSnapshot().snapshotId() == checkedHead) { // not a race: the change itself is invalid
                    throw new StepFailure("cannot publish " + name + ": " + e.getMessage() + "; main is unchanged");
                }
                last = e; // main moved again between the check and the commit: check again
            }
        }
        throw new StepFailure("cannot publish " + name + ": main kept moving during " + ATTEMPTS + " attempts ("
                + last.getMessage() + "); main is unchanged, run the publish again");
    }

    private void commitOnMain() {
        Snapshot main = table.currentSnapshot();
        SnapshotRef ref = table.refs().get(branch);
        Long fork = forkPoint(ref.snapshotId(), main.snapshotId());
        NetChange net = NetChange.of(since(ref.snapshotId(), fork), table.io());
        Transaction tx = table.newTransaction();
        if (!net.isEmpty()) {
            RowDelta delta = tx.newRowDelta()
                    .validateFromSnapshot(main.snapshotId())
                    .validateNoConflictingDataFiles()
                    .validateNoConflictingDeleteFiles()
                    .validateDeletedFiles() // the files the branch removed are still on main
                    .set(REBASED_FROM, branch);
            net.addedData().forEach(delta::addRows);
            net.removedData().forEach(delta::removeRows);
            net.addedDeletes().forEach(delta::addDeletes);
            net.removedDeletes().forEach(delta::removeDeletes);
            delta.commit();
        }
        tx.manageSnapshots().removeBranch(branch).commit();
        tx.commitTransaction();
    }

    /** The newest snapshot both lines share; null when the branch was cut from an empty main. */
    private Long forkPoint(long branchHead, long mainHead) {
        Set<Long> onBranch = new HashSet<>(SnapshotUtil.ancestorIds(table.snapshot(branchHead), table::snapshot));
        for (long id : SnapshotUtil.ancestorIds(table.snapshot(mainHead), table::snapshot)) {
            if (onBranch.contains(id)) {
                return id;
            }
        }
        return null;
    }

    /** The snapshots after {@code fork} (all, if null) up to {@code head}, oldest first. */
    private List<Snapshot> since(long head, Long fork) {
        List<Snapshot> commits = new ArrayList<>();
        SnapshotUtil.ancestorsBetween(head, fork, table::snapshot).forEach(commits::add);
        Collections.reverse(commits);
        return commits;
    }

    /** Partitions (as paths, {@code ""} for an unpartitioned table) whose files the commits added or removed. */
    private Set<String> partitions(List<Snapshot> commits) {
        Set<String> paths = new HashSet<>();
        FileIO io = table.io();
        for (Snapshot s : commits) {
            s.addedDataFiles(io).forEach(f -> paths.add(partition(f)));
            s.removedDataFiles(io).forEach(f -> paths.add(partition(f)));
            s.addedDeleteFiles(io).forEach(f -> paths.add(partition(f)));
            s.removedDeleteFiles(io).forEach(f -> paths.add(partition(f)));
        }
        return paths;
    }

    private String partition(ContentFile<?> file) {
        return table.specs().get(file.specId()).partitionToPath(file.partition());
    }

    private static String describe(Set<String> partitions) {
        if (partitions.contains("")) {
            return "the table (it is not partitioned)";
        }
        List<String> shown = new ArrayList<>(partitions).subList(0, Math.min(3, partitions.size()));
        return "partition " + String.join(", ", shown) + (partitions.size() > 3 ? " and " + (partitions.size() - 3) + " more" : "");
    }

    /** What a line of commits did in total: files it added and kept, files from before it that it removed. */
    private record NetChange(List<DataFile> addedData, List<DataFile> removedData, List<DeleteFile> addedDeletes,
            List<DeleteFile> removedDeletes) {
        static NetChange of(List<Snapshot> oldestFirst, FileIO io) {
            Map<String, DataFile> addedData = new LinkedHashMap<>();
            Map<String, DataFile> removedData = new LinkedHashMap<>();
            Map<String, DeleteFile> addedDeletes = new LinkedHashMap<>();
            Map<String, DeleteFile> removedDeletes = new LinkedHashMap<>();
            Set<String> goneData = new HashSet<>();
            for (Snapshot s : oldestFirst) {
                s.addedDataFiles(io).forEach(f -> addedData.put(f.location(), f.copy()));
                s.removedDataFiles(io).forEach(f -> {
                    goneData.add(f.location());
                    if (addedData.remove(f.location()) == null) {
                        removedData.put(f.location(), f.copy());
                    }
                });
                s.addedDeleteFiles(io).forEach(f -> addedDeletes.put(f.location(), f.copy()));
                s.removedDeleteFiles(io).forEach(f -> {
                    if (addedDeletes.remove(f.location()) == null) {
                        removedDeletes.put(f.location(), f.copy());
                    }
                });
            }
            // a position delete of a data file the line later removed whole (DELETE, then INSERT OVERWRITE of the
            // day) is dangling at its head: committing it would reference a file the same commit removes
            addedDeletes.values().removeIf(d -> goneData.contains(ContentFileUtil.referencedDataFileLocation(d)));
            return new NetChange(List.copyOf(addedData.values()), List.copyOf(removedData.values()),
                    List.copyOf(addedDeletes.values()), List.copyOf(removedDeletes.values()));
        }

        boolean isEmpty() {
            return addedData.isEmpty() && removedData.isEmpty() && addedDeletes.isEmpty() && removedDeletes.isEmpty();
        }
    }
}
