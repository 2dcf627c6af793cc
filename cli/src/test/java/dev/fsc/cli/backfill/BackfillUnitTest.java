package dev.fsc.cli.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.cli.Main;
import dev.fsc.common.manifest.JobManifest;
import dev.fsc.common.manifest.JobManifest.Severity;
import dev.fsc.common.manifest.JobManifest.Step;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of a backfill that need no Spark: state round trip, chunking, step selection, fast-forward checks, usage. */
class BackfillUnitTest {
    @TempDir
    Path dir;

    @Test
    void stateSurvivesTheFileAndKnowsWhatIsLeft() throws IOException {
        List<BackfillState.Chunk> chunks = BackfillState.chunk(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-10"), 4);
        assertEquals(List.of("2026-10-01_2026-10-04", "2026-10-05_2026-10-08", "2026-10-09_2026-10-10"),
                chunks.stream().map(BackfillState.Chunk::name).toList());
        BackfillState state = new BackfillState("20261122-060000", "p", "abc", "view:v", List.of("load_x", "tiles_v_1m"), 2,
                BackfillState.Status.RUNNING, Optional.empty(), chunks, Map.of(), Optional.of(42L));
        state = state.withChunk(chunks.get(0).done(120, 3.5)).withChunk(chunks.get(1).failed("check failed"))
                .withPublished("gold.t", 0L);
        BackfillStore store = new BackfillStore(dir);
        store.save(state);
        BackfillState read = store.load(state.id()).orElseThrow();
        assertEquals(state, read);
        assertEquals(10, read.totalDays());
        assertEquals(4, read.doneDays());
        assertEquals(120, read.rows());
        assertEquals(List.of(chunks.get(1).failed("check failed"), chunks.get(2)), read.unfinished());
        assertEquals("backfill-20261122-060000", read.branch());
        assertEquals(List.of("20261122-060000"), store.ids());
        assertTrue(store.load("../x").isEmpty(), "ids are names, never paths");
    }

    @Test
    void aTargetRunsItsStepsAndWhatTheyRead() {
        List<Step> steps = List.of(
                Step.sql("load_a", List.of("SELECT 1"), List.of()),
                Step.sql("silver_a", List.of("SELECT 1"), List.of("load_a")),
                Step.check("check_a_1_unique", Severity.ERROR, "SELECT 1", List.of("silver_a")),
                Step.sql("events", List.of("SELECT 1"), List.of("silver_a")),
                Step.sql("tiles_v_1m", List.of("SELECT 1"), List.of("events")),
                Step.sql("tiles_vw_1m", List.of("SELECT 1"), List.of("events")),
                Step.sql("dataset_d", List.of("SELECT 1"), List.of("events", "tiles_v_1m")),
                Step.publish("publish", List.of("gold.d"), List.of("check_a_1_unique", "dataset_d", "tiles_vw_1m")),
                Step.sql("tag_d", List.of("SELECT 1"), List.of("publish")));
        JobManifest job = new JobManifest(JobManifest.FORMAT_VERSION, "p", "daily", "h", "dev", JobManifest.CatalogConfig.hadoop("w"),
                Map.of(), Optional.of("b"), steps);
        assertEquals(List.of("load_a", "silver_a", "check_a_1_unique", "events", "tiles_v_1m"), ids(TargetSteps.select(job, List.of("view:v"))));
        assertEquals(List.of("load_a", "silver_a", "check_a_1_unique", "events", "tiles_v_1m", "dataset_d"),
                ids(TargetSteps.select(job, List.of("dataset:d"))));
        assertEquals(List.of("load_a", "silver_a", "check_a_1_unique", "events", "tiles_v_1m", "tiles_vw_1m", "dataset_d"),
                ids(TargetSteps.select(job, List.of("all"))), "never the daily publish or its tags");
        assertTrue(TargetSteps.select(job, List.of("view:nope")).isEmpty());
        assertEquals(List.of("load_a", "silver_a", "check_a_1_unique", "events", "tiles_v_1m", "tiles_vw_1m"),
                ids(TargetSteps.select(job, List.of("view:vw", "view:v"))), "several targets: the union, in job order");
    }

    private static List<String> ids(Optional<List<Step>> steps) {
        return steps.orElseThrow().stream().map(Step::id).toList();
    }

    @Test
    void mainCanBeFastForwardedOnlyIfTheBranchDescendsFromIt() {
        Map<Long, Long> parents = Map.of(2L, 1L, 3L, 2L, 4L, 2L);
        assertTrue(new TableRefs("t", Map.of("main", 2L, "b", 3L), parents, List.of()).canFastForward("b"));
        assertTrue(new TableRefs("t", Map.of("b", 3L), parents, List.of()).canFastForward("b"), "an empty main");
        assertFalse(new TableRefs("t", Map.of("main", 4L, "b", 3L), parents, List.of()).canFastForward("b"),
                "main moved on (e.g. a streaming append) after the branch was cut");
        assertFalse(new TableRefs("t", Map.of("main", 2L), parents, List.of()).canFastForward("b"), "no branch");
    }

    @Test
    void theForkIsTheNewestSnapshotMainAndTheBranchShare() {
        Map<Long, Long> parents = Map.of(2L, 1L, 3L, 2L, 4L, 2L, 5L, 4L, 7L, 6L);
        assertEquals(Optional.of(2L), new TableRefs("t", Map.of("main", 5L, "b", 3L), parents, List.of()).forkPoint("b"),
                "main moved on twice after the branch was cut at 2");
        assertEquals(Optional.of(2L), new TableRefs("t", Map.of("main", 2L, "b", 3L), parents, List.of()).forkPoint("b"));
        assertEquals(Optional.empty(), new TableRefs("t", Map.of("main", 7L, "b", 3L), parents, List.of()).forkPoint("b"),
                "cut from an empty main: no shared history");
        assertEquals(Optional.empty(), new TableRefs("t", Map.of("main", 2L), parents, List.of()).forkPoint("b"), "no branch");
    }

    @Test
    void readsBranchesAndPartitionsFromIcebergMetadata() throws IOException {
        Path meta = Files.createDirectories(dir.resolve("warehouse/gold/t/metadata"));
        Files.writeString(meta.resolve("version-hint.text"), "2");
        Files.writeString(meta.resolve("v2.metadata.json"), """
                {"default-spec-id": 0, "partition-specs": [{"spec-id": 0, "fields": [{"name": "ds", "field-id": 1000}]}],
                 "refs": {"main": {"snapshot-id": 11, "type": "branch"}, "backfill-x": {"snapshot-id": 12, "type": "branch"}},
                 "snapshots": [{"snapshot-id": 11}, {"snapshot-id": 12, "parent-snapshot-id": 11}]}""");
        TableRefs t = TableRefs.scan(dir.resolve("warehouse")).get("gold.t");
        assertEquals(Optional.of(11L), t.main());
        assertTrue(t.canFastForward("backfill-x"));
        assertEquals(List.of("ds"), t.partitionColumns());
    }

    @Test
    void usageMistakesAreCaughtBeforeAnySparkStarts() throws IOException {
        Files.writeString(dir.resolve("fsc.yaml"), "project: p\n");
        assertUsage("which days?", "backfill", "--project", dir.toString());
        assertUsage("is before", "backfill", "--project", dir.toString(), "--from", "2026-10-02", "--to", "2026-10-01");
        assertUsage("local environment only", "backfill", "--project", dir.toString(), "--days", "3", "--env", "prod");
        assertUsage("no backfill `nope`", "backfill", "resume", "nope", "--project", dir.toString());
    }

    private static void assertUsage(String message, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(2, exit, out + "\n" + err);
        assertTrue(err.toString().contains(message), err.toString());
    }
}
