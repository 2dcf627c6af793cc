package dev.fsc.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.common.manifest.JobManifest;
import dev.fsc.common.manifest.JobManifest.CatalogConfig;
import dev.fsc.common.manifest.JobManifest.CatalogType;
import dev.fsc.common.manifest.JobManifest.Kind;
import dev.fsc.common.manifest.JobResult.StepResult;
import dev.fsc.common.manifest.JobResult.StepStatus;
import dev.fsc.common.manifest.SparkJvm;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/** The runner's logic that needs no Spark session: arguments, configuration, report text. */
class RunnerUnitTest {

    @Test
    void jvmOptionsAreSparksOwnList() {
        assertEquals(Arrays.asList(JavaModuleOptions.defaultModuleOptionArray()), SparkJvm.OPTIONS,
                "SparkJvm.OPTIONS must follow the Spark version's launcher (update it, and the jar's Add-Opens, with Spark)");
    }

    @Test
    void parsesArguments() throws Exception {
        RunnerArgs a = RunnerArgs.parse(List.of("build/jobs/daily.json", "--master", "local[2]", "--result", "r.json",
                "--conf", "spark.sql.shuffle.partitions=8"));
        assertEquals(Path.of("build/jobs/daily.json"), a.manifest());
        assertEquals(Optional.of("local[2]"), a.master());
        assertEquals(Optional.of(Path.of("r.json")), a.result());
        assertEquals(Path.of("build/jobs/daily.log").toAbsolutePath(), a.log());
        assertEquals(Map.of("spark.sql.shuffle.partitions", "8"), a.conf());
        assertEquals(Optional.empty(), RunnerArgs.parse(List.of("m.json")).master(), "spark-submit's master, or local[*]");
        assertEquals("unknown option --mastr",
                assertThrows(RunnerArgs.UsageException.class, () -> RunnerArgs.parse(List.of("m.json", "--mastr", "x"))).getMessage());
        assertEquals("missing the manifest file",
                assertThrows(RunnerArgs.UsageException.class, () -> RunnerArgs.parse(List.of())).getMessage());
        assertEquals("--result needs a value",
                assertThrows(RunnerArgs.UsageException.class, () -> RunnerArgs.parse(List.of("m.json", "--result"))).getMessage());
    }

    @Test
    void parametersReplaceTheManifestsOwnAndMustBeDeclared() throws Exception {
        RunnerArgs a = RunnerArgs.parse(List.of("m.json", "--param", "ds_from=2026-10-09", "--param", "ds_to=2026-10-09"));
        assertEquals(Map.of("ds_from", "2026-10-09", "ds_to", "2026-10-09"), a.parameters());
        JobManifest m = new JobManifest(1, "p", "j", "h", "v", CatalogConfig.hadoop("wh"), Map.of("ds_from", "", "ds_to", ""),
                Optional.empty(), List.of(JobManifest.Step.sql("a", List.of("SELECT DATE'${ds_from}'"), List.of())));
        JobManifest day = SparkRunner.withParameters(m, a.parameters());
        assertEquals(List.of("SELECT DATE'2026-10-09'"), day.resolvedSql(day.steps().get(0)));
        assertEquals("--param ds: the manifest declares no such parameter (it has ds_from, ds_to)",
                assertThrows(dev.fsc.common.manifest.ManifestException.class,
                        () -> SparkRunner.withParameters(m, Map.of("ds", "2026-10-09"))).getMessage());
        assertEquals("--param expects KEY=VALUE, got 'ds'",
                assertThrows(RunnerArgs.UsageException.class, () -> RunnerArgs.parse(List.of("m.json", "--param", "ds"))).getMessage());
    }

    @Test
    void severalManifestsRunInOrderWithResultsBesideThem() throws Exception {
        RunnerArgs a = RunnerArgs.parse(List.of("runs/day1.json", "runs/day2.json"));
        assertEquals(List.of(Path.of("runs/day1.json"), Path.of("runs/day2.json")), a.manifests());
        assertEquals(Path.of("runs/day2.result.json").toAbsolutePath(), a.resultOf(Path.of("runs/day2.json")).orElseThrow());
        assertEquals("--result takes one manifest; with several, results are written beside them",
                assertThrows(RunnerArgs.UsageException.class,
                        () -> RunnerArgs.parse(List.of("a.json", "b.json", "--result", "r.json"))).getMessage());
    }

    @Test
    void sessionConfigForAHadoopCatalog() {
        JobManifest m = new JobManifest(1, "p", "j", "h", "v",
                new CatalogConfig(CatalogType.HADOOP, "lake", Optional.of("wh"), Map.of("cache-enabled", "false")),
                Map.of(), Optional.empty(), List.of(JobManifest.Step.sql("a", List.of("SELECT 1"), List.of())));
        Map<String, String> conf = SessionConfig.of(m, Path.of("/jobs"), "local[2]", Map.of("spark.sql.shuffle.partitions", "1"));
        assertEquals("org.apache.iceberg.spark.SparkCatalog", conf.get("spark.sql.catalog.lake"));
        assertEquals("hadoop", conf.get("spark.sql.catalog.lake.type"));
        assertEquals("/jobs/wh", conf.get("spark.sql.catalog.lake.warehouse"), "relative to the manifest's folder");
        assertEquals("false", conf.get("spark.sql.catalog.lake.cache-enabled"));
        assertEquals("lake", conf.get("spark.sql.defaultCatalog"));
        assertEquals("dynamic", conf.get("spark.sql.sources.partitionOverwriteMode"));
        assertEquals("false", conf.get("spark.ui.enabled"));
        assertEquals("UTC", conf.get("spark.sql.session.timeZone"));
        assertEquals("false", conf.get("spark.sql.variable.substitute"));
        assertEquals("1", conf.get("spark.sql.shuffle.partitions"), "--conf wins");
        assertEquals("s3a://b/wh", SessionConfig.localWarehouse("s3a://b/wh", Path.of("/jobs")));
    }

    @Test
    void sessionConfigForRemoteCatalogs() {
        Map<String, String> glue = SessionConfig.catalog(
                new CatalogConfig(CatalogType.GLUE, "fsc", Optional.of("s3://lake/wh"), Map.of("client.region", "eu-west-1")), Path.of("/"));
        assertEquals("glue", glue.get("spark.sql.catalog.fsc.type"));
        assertEquals("org.apache.iceberg.aws.s3.S3FileIO", glue.get("spark.sql.catalog.fsc.io-impl"));
        assertEquals("s3://lake/wh", glue.get("spark.sql.catalog.fsc.warehouse"));
        assertEquals("eu-west-1", glue.get("spark.sql.catalog.fsc.client.region"));
        assertNotNull(SessionConfig.missingCatalogClass(CatalogType.GLUE), "this jar has no AWS bundle");
        Map<String, String> rest = SessionConfig.catalog(
                new CatalogConfig(CatalogType.REST, "fsc", Optional.empty(), Map.of("uri", "http://127.0.0.1:8181")), Path.of("/"));
        assertEquals("rest", rest.get("spark.sql.catalog.fsc.type"));
        assertEquals("http://127.0.0.1:8181", rest.get("spark.sql.catalog.fsc.uri"));
    }

    @Test
    void progressLines() {
        assertEquals("[3/7] silver_orders ... ", Report.stepPrefix(3, 7, "silver_orders"));
        StepResult sql = new StepResult("silver_orders", Kind.SQL, StepStatus.OK, 1.234, Optional.of(12_345L), Map.of(), Map.of(),
                List.of(), Optional.empty(), Optional.empty());
        assertEquals("ok (1.2 s, 12,345 rows)", Report.outcome(sql, ""));
        StepResult check = new StepResult("c", Kind.CHECK, StepStatus.FAILED, 0.4, Optional.of(12L), Map.of(), Map.of(),
                List.of("a", "b"), Optional.empty(), Optional.empty());
        assertEquals("FAILED (0.4 s, 12 failures)", Report.outcome(check, ""));
        assertEquals(List.of("      - a", "      - b", "      ... and 10 more"), Report.failureLines(check));
        StepResult skipped = StepResult.notRun(JobManifest.Step.publish("p", List.of("db.t"), List.of()), StepStatus.SKIPPED);
        assertEquals("skipped (1 error check failed)", Report.outcome(skipped, "1 error check failed"));
    }

    @Test
    void statementExcerptPointsAtTheError() {
        String sql = "SELECT a,\n       bogus\nFROM t";
        assertEquals(List.of("    SELECT a,", "           bogus", "           ^^^^^", "    FROM t"),
                Report.statementExcerpt(sql, Optional.of(17), Optional.of(21)));
        assertEquals(List.of("    SELECT 1"), Report.statementExcerpt("SELECT 1", Optional.empty(), Optional.empty()));
        String longSql = String.join("\n", java.util.Collections.nCopies(30, "x")) + "\nbad\n" + String.join("\n", java.util.Collections.nCopies(30, "y"));
        List<String> cut = Report.statementExcerpt(longSql, Optional.of(60), Optional.of(62));
        assertEquals("    ... (26 lines)", cut.get(0));
        assertTrue(cut.contains("    bad") && cut.contains("    ^^^"), cut.toString());
        assertEquals("    ... (26 more lines)", cut.get(cut.size() - 1));
    }

    @Test
    void errorMessagesLoseStackFramesAndSparksOwnExcerpt() {
        String raw = "[CAST_INVALID_INPUT] The value 'x0' cannot be cast. SQLSTATE: 22018\n== SQL (line 1, position 8) ==\n"
                + "SELECT CAST(x AS INT)\n       ^^^^\n\tat org.apache.spark.Foo.bar(Foo.scala:1)";
        assertEquals("[CAST_INVALID_INPUT] The value 'x0' cannot be cast. SQLSTATE: 22018", SparkErrors.clean(raw));
        assertEquals("boom", SparkErrors.clean("boom\n\tat a.b.C.d(C.java:1)\nCaused by: x"));
        assertEquals(9, SparkErrors.offsetOf("SELECT\n  x", 2, 2));
    }

    @Test
    void logConfigIsInTheJar() {
        assertNotNull(SparkRunner.class.getClassLoader().getResource(SparkRunner.LOG_CONFIG));
    }
}
