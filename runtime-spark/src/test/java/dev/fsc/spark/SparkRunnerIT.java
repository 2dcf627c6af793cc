package dev.fsc.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.common.manifest.JobManifest;
import dev.fsc.common.manifest.JobManifest.CatalogConfig;
import dev.fsc.common.manifest.JobManifest.Severity;
import dev.fsc.common.manifest.JobManifest.Step;
import dev.fsc.common.manifest.JobResult;
import dev.fsc.common.manifest.JobResult.StepResult;
import dev.fsc.common.manifest.JobResult.StepStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runner end to end: real Spark in local mode, real Iceberg tables on local disk under
 * {@code target/it/}, each run a separate JVM started from the shaded jar the way the CLI starts it.
 */
class SparkRunnerIT {
    private static final String TABLE = "silver.events";

    @BeforeAll
    static void cleanWorkDir() throws IOException {
        for (String dir : List.of("wap", "idempotent", "bad_sql", "invalid", "rebase")) {
            deleteTree(RunnerProcess.IT_DIR.resolve(dir));
        }
    }

    // ---------------------------------------------------------------- the job under test

    /**
     * Table DDL, a day's load (500 events at one a minute), a passing error check, a warn check, then
     * {@code extraSteps}, publication of silver.events (after all of them) and {@code afterPublish}.
     */
    static JobManifest eventsJob(Path warehouse, String ds, Optional<String> branch, List<Step> extraSteps, List<Step> afterPublish) {
        List<Step> steps = new ArrayList<>();
        steps.add(Step.sql("tables", List.of(
                "CREATE NAMESPACE IF NOT EXISTS silver",
                "CREATE TABLE IF NOT EXISTS " + TABLE + " (id BIGINT, user_id BIGINT, ts TIMESTAMP, amount DECIMAL(12,2))"
                        + " USING iceberg PARTITIONED BY (days(ts))"), List.of()));
        steps.add(new Step("load", JobManifest.Kind.SQL, Severity.ERROR, List.of("""
                INSERT OVERWRITE silver.events
                SELECT d.day * 1000 + r.id                                            AS id,
                       r.id % 7                                                       AS user_id,
                       timestamp_seconds(unix_seconds(TIMESTAMP '${ds} 00:00:00') + r.id * 60) AS ts,
                       CAST(r.id AS DECIMAL(12,2))                                    AS amount
                FROM range(0, 500) r
                CROSS JOIN (SELECT datediff(DATE '${ds}', DATE '2024-01-01') AS day) d"""),
                List.of(TABLE), List.of("tables")));
        steps.add(Step.check("no_null_users", Severity.ERROR,
                "SELECT concat('event ', id, ' has no user') AS message FROM silver.events"
                        + " WHERE to_date(ts) = DATE '${ds}' AND user_id IS NULL", List.of("load")));
        steps.add(Step.check("volume", Severity.WARN,
                "SELECT concat('only ', count(*), ' events on ${ds}') AS message FROM silver.events"
                        + " WHERE to_date(ts) = DATE '${ds}' HAVING count(*) < 1000", List.of("load")));
        steps.addAll(extraSteps);
        List<String> gates = new ArrayList<>(List.of("no_null_users", "volume"));
        extraSteps.forEach(c -> gates.add(c.id()));
        if (branch.isPresent()) {
            steps.add(Step.publish("publish", List.of(TABLE), gates));
        }
        steps.addAll(afterPublish);
        return new JobManifest(1, "it", "events_daily", "sha256:it", "test",
                CatalogConfig.hadoop(warehouse.toAbsolutePath().toString()), Map.of("ds", ds), branch, steps);
    }

    /** A read-only job whose warn checks report query results as messages (how the tests look at tables). */
    static JobManifest query(Path warehouse, Map<String, String> checks) {
        List<Step> steps = new ArrayList<>();
        checks.forEach((id, sql) -> steps.add(Step.check(id, Severity.WARN, sql, List.of())));
        return new JobManifest(1, "it", "inspect", "sha256:it", "test",
                CatalogConfig.hadoop(warehouse.toAbsolutePath().toString()), Map.of(), Optional.empty(), steps);
    }

    static String daysOf(String from) {
        return "SELECT concat(to_date(ts), ': ', count(*), ' events') AS message FROM " + from + " GROUP BY to_date(ts) ORDER BY 1";
    }

    static String fingerprint(String from, String day) {
        return "SELECT concat(count(*), ' rows, hash ', sum(hash(id, user_id, ts, amount))) AS message FROM " + from
                + " WHERE to_date(ts) = DATE '" + day + "'";
    }

    // ---------------------------------------------------------------- cases

    /**
     * (a) publish from a branch; (b) a failing error check leaves main exactly as it was and the work
     * on the branch, where a fixed re-run resumes and publishes.
     */
    @Test
    void writeAuditPublish() throws Exception {
        Path dir = RunnerProcess.IT_DIR.resolve("wap");
        Path wh = dir.resolve("warehouse");

        // (a) create, load 2024-01-15 on a branch, check, publish; a side table written but not published
        Step stats = Step.sql("daily_stats", List.of(
                "CREATE TABLE IF NOT EXISTS silver.daily_stats (day DATE, events BIGINT) USING iceberg",
                "INSERT OVERWRITE silver.daily_stats SELECT to_date(ts), count(*) FROM silver.events GROUP BY 1"), List.of("load"));
        RunnerProcess.Run day1 = RunnerProcess.run(dir, "day1",
                eventsJob(wh, "2024-01-15", Optional.of("fsc_20240115"), List.of(stats), List.of()));
        assertEquals(0, day1.exitCode(), day1.describe());
        assertLines(day1.stdout(),
                "spark 4\\.1\\.\\d+ on local\\[2\\] started in \\d+\\.\\d s; log: .*day1\\.log",
                "fsc spark runner: it/events_daily \\(plan sha256:it\\), ds=2024-01-15, branch fsc_20240115",
                "\\[1/6\\] tables \\.\\.\\. ok \\(\\d+\\.\\d s\\)",
                "\\[2/6\\] load \\.\\.\\. ok \\(\\d+\\.\\d s, 500 rows\\)",
                "\\[3/6\\] no_null_users \\.\\.\\. ok \\(\\d+\\.\\d s, passed\\)",
                "\\[4/6\\] volume \\.\\.\\. warn \\(\\d+\\.\\d s, 1 failure\\)",
                "      - only 500 events on 2024-01-15",
                "\\[5/6\\] daily_stats \\.\\.\\. ok \\(\\d+\\.\\d s, 1 row\\)",
                "\\[6/6\\] publish \\.\\.\\. ok \\(\\d+\\.\\d s, 1 table published\\)",
                "note: silver.daily_stats was written on branch fsc_20240115 but no PUBLISH step publishes it:"
                        + " main does not have these rows",
                "ok: 6 steps in \\d+\\.\\d s");
        JobResult r1 = day1.result().orElseThrow();
        assertEquals(JobResult.Status.OK, r1.status());
        assertEquals(Map.of(TABLE, 500L), r1.step("load").orElseThrow().rowsWritten());
        long published = r1.step("publish").orElseThrow().snapshots().get(TABLE);
        assertEquals(Optional.of(published), RunnerProcess.branchHead(wh, TABLE, "main"), "main points at the published snapshot");
        assertEquals(Optional.empty(), RunnerProcess.branchHead(wh, TABLE, "fsc_20240115"), "the branch is dropped once published");
        assertEquals("500", RunnerProcess.snapshotSummary(wh, TABLE, published).get("total-records"));
        assertTrue(json(RunnerProcess.metadata(wh, TABLE).get("partition-specs")).contains("\"transform\": \"day\""),
                "partitioned by day(ts)");
        assertEquals(Optional.empty(), RunnerProcess.branchHead(wh, "silver.daily_stats", "main"), "unpublished: main untouched");
        assertTrue(RunnerProcess.branchHead(wh, "silver.daily_stats", "fsc_20240115").isPresent());

        // (b) load 2024-01-16 on a new branch; an error check fails: nothing is published
        List<String> before = RunnerProcess.listing(wh);
        Step overLimit = Step.check("over_limit", Severity.ERROR,
                "SELECT concat('event ', id, ' costs ', amount, ', over the limit of 495') AS message FROM silver.events"
                        + " WHERE to_date(ts) = DATE '${ds}' AND amount > 495 ORDER BY id", List.of("load"));
        RunnerProcess.Run day2 = RunnerProcess.run(dir, "day2",
                eventsJob(wh, "2024-01-16", Optional.of("fsc_20240116"), List.of(overLimit), List.of()));
        assertEquals(1, day2.exitCode(), day2.describe());
        assertLines(day2.stdout(),
                "\\[5/6\\] over_limit \\.\\.\\. FAILED \\(\\d+\\.\\d s, 4 failures\\)",
                "      - event 15496 costs 496.00, over the limit of 495",
                "      - event 15497 costs 497.00, over the limit of 495",
                "      - event 15498 costs 498.00, over the limit of 495",
                "      - event 15499 costs 499.00, over the limit of 495",
                "\\[6/6\\] publish \\.\\.\\. skipped \\(1 error check failed\\)",
                "FAILED: 1 error check failed \\(over_limit\\); nothing was published: main is unchanged,"
                        + " the work so far is on branch fsc_20240116");
        StepResult failedCheck = day2.result().orElseThrow().step("over_limit").orElseThrow();
        assertEquals(StepStatus.FAILED, failedCheck.status());
        assertEquals(Optional.of(4L), failedCheck.rows());
        assertEquals(StepStatus.SKIPPED, day2.result().orElseThrow().step("publish").orElseThrow().status());
        assertEquals(Optional.of(published), RunnerProcess.branchHead(wh, TABLE, "main"), "main has not moved");
        assertTrue(RunnerProcess.branchHead(wh, TABLE, "fsc_20240116").isPresent(), "the audited work stays on its branch");
        List<String> after = RunnerProcess.listing(wh);
        for (String file : before) {
            if (!file.matches("silver/events/metadata/\\.?version-hint\\.text(\\.crc)? .*")) { // the pointer to the newest metadata
                assertTrue(after.contains(file), "changed or removed by the failed run: " + file);
            }
        }

        // fixing the check and running the day again resumes on the branch and publishes
        RunnerProcess.Run retry = RunnerProcess.run(dir, "day2_retry",
                eventsJob(wh, "2024-01-16", Optional.of("fsc_20240116"), List.of(), List.of()));
        assertEquals(0, retry.exitCode(), retry.describe());
        long republished = retry.result().orElseThrow().step("publish").orElseThrow().snapshots().get(TABLE);
        assertEquals(Optional.of(republished), RunnerProcess.branchHead(wh, TABLE, "main"));

        // what another reader of the catalog sees on main now
        RunnerProcess.Run look = RunnerProcess.run(dir, "inspect", query(wh, Map.of("main_days", daysOf(TABLE))));
        assertEquals(0, look.exitCode(), look.describe());
        assertEquals(List.of("2024-01-15: 500 events", "2024-01-16: 500 events"), failures(look, "main_days"));
    }

    /**
     * (e) a live job keeps committing to main while work waits on a branch (a streaming job appending while a
     * backfill is audited). Publishing must not drop the live commits: when they touched other partitions the
     * branch's change is committed on top of main; when they touched a partition the branch rewrote, the
     * publish is refused before any table changes.
     */
    @Test
    void publishKeepsLiveCommitsToMain() throws Exception {
        Path dir = RunnerProcess.IT_DIR.resolve("rebase");
        Path wh = dir.resolve("warehouse");
        Map<String, JobManifest> disjoint = new java.util.LinkedHashMap<>();
        disjoint.put("d14", eventsJob(wh, "2024-01-14", Optional.of("d14"), List.of(), List.of()));
        // the backfill rewrites a day main already has (its file is replaced), the live job adds a later one
        disjoint.put("backfill_14", unpublished(eventsJob(wh, "2024-01-14", Optional.of("bf"), List.of(), List.of())));
        disjoint.put("live_16", eventsJob(wh, "2024-01-16", Optional.empty(), List.of(), List.of()));
        disjoint.put("publish_14", eventsJob(wh, "2024-01-14", Optional.of("bf"), List.of(), List.of(
                Step.check("main_days", Severity.WARN, daysOf(TABLE), List.of("publish")))));
        RunnerProcess.Runs first = RunnerProcess.runAll(dir, "disjoint", disjoint);
        assertEquals(0, first.exitCode(), first.stdout());
        long published = first.result("publish_14").step("publish").orElseThrow().snapshots().get(TABLE);
        assertEquals(List.of("2024-01-14: 500 events", "2024-01-16: 500 events"),
                first.result("publish_14").step("main_days").orElseThrow().failures(), "the live day and the branch's day, once each");
        Map<String, Object> summary = RunnerProcess.snapshotSummary(wh, TABLE, published);
        assertEquals("bf", summary.get(BranchRebase.REBASED_FROM), summary.toString());
        assertEquals(List.of("1", "1", "1000"), List.of(summary.get("added-data-files"), summary.get("deleted-data-files"),
                summary.get("total-records")), "the rewritten day's file replaced, the live day's kept: " + summary);
        assertEquals(Optional.empty(), RunnerProcess.branchHead(wh, TABLE, "bf"), "the branch is dropped in the same commit");

        Map<String, JobManifest> overlapping = new java.util.LinkedHashMap<>();
        overlapping.put("backfill_16", unpublished(eventsJob(wh, "2024-01-16", Optional.of("bf2"), List.of(), List.of())));
        overlapping.put("live_16_again", eventsJob(wh, "2024-01-16", Optional.empty(), List.of(), List.of()));
        overlapping.put("publish_16", eventsJob(wh, "2024-01-16", Optional.of("bf2"), List.of(), List.of()));
        RunnerProcess.Runs second = RunnerProcess.runAll(dir, "overlapping", overlapping);
        assertEquals(1, second.exitCode(), second.stdout());
        long liveAgain = RunnerProcess.branchHead(wh, TABLE, "main").orElseThrow(); // refused: as the live job left it
        assertTrue(RunnerProcess.branchHead(wh, TABLE, "bf2").isPresent(), "the work stays on its branch");
        String error = second.result("publish_16").step("publish").orElseThrow().error().orElseThrow();
        assertTrue(error.contains("nothing was published: main moved since branch bf2 was cut")
                && error.contains("main of silver.events has commit " + liveAgain)
                && error.contains("partition ts_day=2024-01-16"), error);
    }

    /** The same job without its PUBLISH step: the work stays on the branch, as an audited backfill waits. */
    private static JobManifest unpublished(JobManifest job) {
        return new JobManifest(job.formatVersion(), job.project(), job.job(), job.planHash(), job.fscVersion(), job.catalog(),
                job.parameters(), job.branch(), job.steps().stream().filter(st -> st.kind() != JobManifest.Kind.PUBLISH).toList());
    }

    /** (c) re-running a day with INSERT OVERWRITE gives the same table; other days are kept. */
    @Test
    void rerunningADayIsIdempotent() throws Exception {
        Path dir = RunnerProcess.IT_DIR.resolve("idempotent");
        Path wh = dir.resolve("warehouse");
        RunnerProcess.Run first = RunnerProcess.run(dir, "first",
                eventsJob(wh, "2024-01-15", Optional.of("fsc_20240115"), List.of(), List.of()));
        assertEquals(0, first.exitCode(), first.describe());
        long s1 = first.result().orElseThrow().step("publish").orElseThrow().snapshots().get(TABLE);
        RunnerProcess.Run again = RunnerProcess.run(dir, "again",
                eventsJob(wh, "2024-01-15", Optional.of("fsc_20240115"), List.of(), List.of()));
        assertEquals(0, again.exitCode(), again.describe());
        long s2 = again.result().orElseThrow().step("publish").orElseThrow().snapshots().get(TABLE);
        assertNotEquals(s1, s2, "the second run really wrote");
        Map<String, Object> summary = RunnerProcess.snapshotSummary(wh, TABLE, s2);
        assertEquals("500", summary.get("total-records"), "the day was replaced, not appended: " + summary);
        assertEquals("500", summary.get("deleted-records"), summary.toString());

        // next day, then compare: the re-run's table equals the first run's, and day 2 did not touch day 1
        RunnerProcess.Run next = RunnerProcess.run(dir, "next", eventsJob(wh, "2024-01-16", Optional.of("fsc_20240116"), List.of(),
                List.of(Step.check("first_run", Severity.WARN, fingerprint(TABLE + " VERSION AS OF " + s1, "2024-01-15"), List.of("publish")),
                        Step.check("second_run", Severity.WARN, fingerprint(TABLE + " VERSION AS OF " + s2, "2024-01-15"), List.of("publish")),
                        Step.check("main_day1", Severity.WARN, fingerprint(TABLE, "2024-01-15"), List.of("publish")),
                        Step.check("main_days", Severity.WARN, daysOf(TABLE), List.of("publish")))));
        assertEquals(0, next.exitCode(), next.describe());
        List<String> firstRun = failures(next, "first_run");
        assertEquals(1, firstRun.size());
        assertTrue(firstRun.get(0).startsWith("500 rows, hash "), firstRun.toString());
        assertEquals(firstRun, failures(next, "second_run"), "same rows after re-running the day");
        assertEquals(firstRun, failures(next, "main_day1"), "loading the next day kept the first (dynamic partition overwrite)");
        assertEquals(List.of("2024-01-15: 500 events", "2024-01-16: 500 events"), failures(next, "main_days"));
    }

    /** (d) a bad statement stops the job: exit 1, the step, statement and Spark's error, no stack trace on stdout. */
    @Test
    void badSqlStopsTheJob() throws Exception {
        Path dir = RunnerProcess.IT_DIR.resolve("bad_sql");
        Path wh = dir.resolve("warehouse");
        JobManifest job = new JobManifest(1, "it", "bad_sql", "sha256:it", "test", CatalogConfig.hadoop(wh.toString()),
                Map.of("ds", "2024-01-15"), Optional.empty(), List.of(
                        Step.sql("tables", List.of("CREATE NAMESPACE IF NOT EXISTS silver",
                                "CREATE TABLE IF NOT EXISTS silver.events (id BIGINT, ts TIMESTAMP) USING iceberg"), List.of()),
                        Step.sql("load", List.of(
                                "INSERT INTO silver.events SELECT 1, TIMESTAMP '${ds} 00:00:00'",
                                "INSERT INTO silver.events\nSELECT id, ts\nFROM silver.evnts"), List.of("tables")),
                        Step.check("never", Severity.ERROR, "SELECT 'unreachable' AS message", List.of("load"))));
        RunnerProcess.Run run = RunnerProcess.run(dir, "bad_sql", job);
        assertEquals(1, run.exitCode(), run.describe());
        assertLines(run.stdout(),
                "\\[1/3\\] tables \\.\\.\\. ok \\(\\d+\\.\\d s\\)",
                "\\[2/3\\] load \\.\\.\\. FAILED \\(\\d+\\.\\d s\\)",
                "error: step load failed at statement 2 of 2:",
                "    INSERT INTO silver.events",
                "    SELECT id, ts",
                "    FROM silver.evnts",
                "         \\^+",
                "  \\[TABLE_OR_VIEW_NOT_FOUND\\] The table or view `silver`\\.`evnts` cannot be found\\..*",
                "FAILED: step load failed");
        assertFalse(run.stdout().contains("never"), "steps after the failure do not run");
        assertFalse(Pattern.compile("(?m)^\\s+at [\\w.$]+\\(|Exception in thread|\\.java:\\d+\\)").matcher(run.stdout()).find(),
                "no stack trace on stdout:\n" + run.stdout());
        JobResult result = run.result().orElseThrow();
        StepResult load = result.step("load").orElseThrow();
        assertEquals(StepStatus.FAILED, load.status());
        assertEquals(Optional.of(2), load.statement());
        assertTrue(load.error().orElseThrow().startsWith("[TABLE_OR_VIEW_NOT_FOUND]"), load.error().toString());
        assertEquals(StepStatus.NOT_RUN, result.step("never").orElseThrow().status());
        assertTrue(Files.readString(run.log()).contains("at org.apache.spark"), "the trace is in the log");
    }

    /** A manifest that breaks the contract is refused before Spark starts: exit 2. */
    @Test
    void invalidManifestIsAUsageError() throws Exception {
        Path dir = RunnerProcess.IT_DIR.resolve("invalid");
        Files.createDirectories(dir);
        Path file = dir.resolve("job.json");
        Files.writeString(file, """
                {"formatVersion": 1, "project": "it", "job": "j", "planHash": "h", "fscVersion": "test",
                 "catalog": {"type": "hadoop", "warehouse": "wh"}, "parameters": {"ds": "2024-01-15"},
                 "steps": [{"id": "load", "kind": "SQL", "sql": ["SELECT '${day}'"]}]}
                """);
        RunnerProcess.Run run = RunnerProcess.run(file, List.of());
        assertEquals(2, run.exitCode(), run.describe());
        assertEquals("error: invalid manifest " + file.toAbsolutePath() + ": step load, sql[0]: unknown parameter ${day};"
                + " declared parameters: ds\n", run.stdout());
        assertEquals(JobResult.Status.INVALID, run.result().orElseThrow().status());
    }

    // ---------------------------------------------------------------- helpers

    private static List<String> failures(RunnerProcess.Run run, String step) {
        return run.result().orElseThrow().step(step).orElseThrow().failures();
    }

    /** Each pattern must match a whole line of {@code text}, in this order (other lines may come between). */
    private static void assertLines(String text, String... patterns) {
        String[] lines = text.split("\n");
        int at = 0;
        for (String p : patterns) {
            Pattern pattern = Pattern.compile(p);
            while (at < lines.length && !pattern.matcher(lines[at]).matches()) {
                at++;
            }
            assertTrue(at < lines.length, "no line matching /" + p + "/ (in order) in:\n" + text);
            at++;
        }
    }

    private static String json(Object tree) {
        return dev.fsc.common.json.Json.write(tree);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
