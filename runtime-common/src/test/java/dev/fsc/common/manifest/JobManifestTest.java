package dev.fsc.common.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.common.manifest.JobManifest.CatalogConfig;
import dev.fsc.common.manifest.JobManifest.CatalogType;
import dev.fsc.common.manifest.JobManifest.Kind;
import dev.fsc.common.manifest.JobManifest.Severity;
import dev.fsc.common.manifest.JobManifest.Step;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class JobManifestTest {

    static JobManifest sample() {
        return new JobManifest(1, "marketplace", "daily_orders", "sha256:abc", "0.1.0",
                new CatalogConfig(CatalogType.HADOOP, "fsc", Optional.of("/data/warehouse"), Map.of("cache-enabled", "false")),
                Map.of("ds", "2024-01-15"),
                Optional.of("fsc_daily_orders_2024_01_15"),
                List.of(
                        Step.sql("tables", List.of("CREATE NAMESPACE IF NOT EXISTS silver",
                                "CREATE TABLE IF NOT EXISTS silver.orders (id BIGINT, ts TIMESTAMP) USING iceberg PARTITIONED BY (days(ts))"),
                                List.of()),
                        Step.sql("load", List.of("INSERT OVERWRITE silver.orders SELECT 1, TIMESTAMP '${ds} 10:00:00'"),
                                List.of("tables")),
                        Step.check("no_null_ids", Severity.ERROR,
                                "SELECT 'null id' AS message FROM silver.orders WHERE id IS NULL", List.of("load")),
                        Step.check("volume", Severity.WARN,
                                "SELECT 'few rows' AS message FROM silver.orders HAVING count(*) < 10", List.of("load")),
                        Step.publish("publish", List.of("silver.orders"), List.of("no_null_ids", "volume"))));
    }

    @Test
    void roundTripsThroughJson() {
        JobManifest m = sample();
        String json = m.toJson();
        assertEquals(m, JobManifest.fromJson(json));
        assertEquals(json, JobManifest.fromJson(json).toJson(), "writing is deterministic");
    }

    @Test
    void writesTheDocumentedLayout() {
        String json = sample().toJson();
        assertTrue(json.startsWith("""
                {
                  "formatVersion": 1,
                  "project": "marketplace",
                  "job": "daily_orders",
                  "planHash": "sha256:abc",
                  "fscVersion": "0.1.0",
                  "catalog": {
                    "type": "hadoop",
                    "name": "fsc",
                    "warehouse": "/data/warehouse",
                    "options": {
                      "cache-enabled": "false"
                    }
                  },
                  "parameters": {
                    "ds": "2024-01-15"
                  },
                  "branch": "fsc_daily_orders_2024_01_15",
                  "steps": [
                """), json);
        assertTrue(json.contains("""
                    {
                      "id": "volume",
                      "kind": "CHECK",
                      "severity": "warn",
                      "dependsOn": [
                        "load"
                      ],
                      "tables": [],
                      "sql": [
                """), json);
        assertTrue(json.endsWith("}\n"));
    }

    @Test
    void readsAMinimalHandWrittenManifest() {
        JobManifest m = JobManifest.fromJson("""
                {"formatVersion": 1, "project": "p", "job": "j", "planHash": "h", "fscVersion": "dev",
                 "catalog": {"type": "hadoop", "warehouse": "wh"},
                 "steps": [{"id": "a", "kind": "SQL", "sql": ["SELECT 1"]},
                           {"id": "c", "kind": "CHECK", "sql": ["SELECT 'x' AS message WHERE false"]}]}
                """);
        assertEquals("fsc", m.catalog().name());
        assertEquals(Map.of(), m.parameters());
        assertEquals(Optional.empty(), m.branch());
        assertEquals(Severity.ERROR, m.steps().get(1).severity(), "checks default to error");
        assertEquals(List.of(), m.steps().get(0).dependsOn());
    }

    @Test
    void executionOrderPutsDependenciesFirstAndKeepsFileOrderOtherwise() {
        JobManifest m = new JobManifest(1, "p", "j", "h", "v", CatalogConfig.hadoop("wh"), Map.of(), Optional.empty(),
                List.of(
                        Step.sql("d", List.of("SELECT 4"), List.of("b", "c")),
                        Step.sql("a", List.of("SELECT 1"), List.of()),
                        Step.sql("c", List.of("SELECT 3"), List.of("a")),
                        Step.sql("b", List.of("SELECT 2"), List.of()),
                        Step.sql("e", List.of("SELECT 5"), List.of())));
        assertEquals(List.of("a", "c", "b", "d", "e"), m.executionOrder().stream().map(Step::id).toList());
    }

    @Test
    void substitutesDeclaredParameters() {
        JobManifest m = sample();
        assertEquals(List.of("INSERT OVERWRITE silver.orders SELECT 1, TIMESTAMP '2024-01-15 10:00:00'"),
                m.resolvedSql(m.step("load").orElseThrow()));
        assertEquals("a ${ds} b $x 2024", SqlParameters.substitute("a $${ds} b $x ${ds}", Map.of("ds", "2024")));
        assertEquals("${x}", SqlParameters.substitute("${v}", Map.of("v", "${x}")), "values are not expanded again");
    }

    @Test
    void rejectsUnknownAndMalformedParameters() {
        ManifestException unknown = assertThrows(ManifestException.class, () -> withLoadSql("SELECT '${day}'"));
        assertEquals("step load, sql[0]: unknown parameter ${day}; declared parameters: ds", unknown.getMessage());
        ManifestException malformed = assertThrows(ManifestException.class, () -> withLoadSql("SELECT '${ds'"));
        assertTrue(malformed.getMessage().contains("malformed parameter reference '${ds''"), malformed.getMessage());
        assertThrows(ManifestException.class, () -> withLoadSql("SELECT '${1x}'"));
    }

    private static JobManifest withLoadSql(String sql) {
        return new JobManifest(1, "p", "j", "h", "v", CatalogConfig.hadoop("wh"), Map.of("ds", "2024-01-15"),
                Optional.empty(), List.of(Step.sql("load", List.of(sql), List.of())));
    }

    @Test
    void rejectsBrokenInvariantsWithThePath() {
        assertError("steps: duplicate step id \"a\"", """
                "steps": [{"id": "a", "kind": "SQL", "sql": ["SELECT 1"]}, {"id": "a", "kind": "SQL", "sql": ["SELECT 2"]}]""");
        assertError("step a: dependsOn names unknown step \"zz\"", """
                "steps": [{"id": "a", "kind": "SQL", "sql": ["SELECT 1"], "dependsOn": ["zz"]}]""");
        assertError("steps: dependency cycle a -> b -> a", """
                "steps": [{"id": "a", "kind": "SQL", "sql": ["SELECT 1"], "dependsOn": ["b"]},
                          {"id": "b", "kind": "SQL", "sql": ["SELECT 1"], "dependsOn": ["a"]}]""");
        assertError("steps[0].kind: expected one of SQL, CHECK, PUBLISH, found \"QUERY\"", """
                "steps": [{"id": "a", "kind": "QUERY", "sql": ["SELECT 1"]}]""");
        assertError("steps[0].severity: expected one of error, warn, found \"fatal\"", """
                "steps": [{"id": "a", "kind": "CHECK", "severity": "fatal", "sql": ["SELECT 1"]}]""");
        assertError("steps[0].severity: only CHECK steps have a severity", """
                "steps": [{"id": "a", "kind": "SQL", "severity": "warn", "sql": ["SELECT 1"]}]""");
        assertError("steps[0].sql: a SQL step needs at least one statement", """
                "steps": [{"id": "a", "kind": "SQL"}]""");
        assertError("steps[0].tables: a PUBLISH step needs at least one table", """
                "branch": "b", "steps": [{"id": "a", "kind": "PUBLISH"}]""");
        assertError("steps[0].tables: invalid table name \"orders\" (expected namespace.table, catalog-relative)", """
                "branch": "b", "steps": [{"id": "a", "kind": "PUBLISH", "tables": ["orders"]}]""");
        assertError("steps[0].sqll: unknown field", """
                "steps": [{"id": "a", "kind": "SQL", "sql": ["SELECT 1"], "sqll": []}]""");
        assertError("steps[0].sql[1]: expected a string, found number 2", """
                "steps": [{"id": "a", "kind": "SQL", "sql": ["SELECT 1", 2]}]""");
        assertError("step p: a PUBLISH step needs the manifest's branch (without a branch, writes go straight to main"
                + " and there is nothing to publish)", """
                "steps": [{"id": "p", "kind": "PUBLISH", "tables": ["db.t"]}]""");
        assertError("step p: a PUBLISH step must depend (directly or through other steps) on every error CHECK,"
                + " but not on \"c\"", """
                "branch": "b", "steps": [{"id": "c", "kind": "CHECK", "sql": ["SELECT 1"]},
                                         {"id": "p", "kind": "PUBLISH", "tables": ["db.t"]}]""");
        assertError("branch: invalid branch name \"main\" (expected [A-Za-z0-9_][A-Za-z0-9_.-]*, not main)", """
                "branch": "main", "steps": []""");
        ManifestException param = assertThrows(ManifestException.class, () -> JobManifest.fromJson("""
                {"formatVersion": 1, "project": "p", "job": "j", "planHash": "h", "fscVersion": "v",
                 "catalog": {"type": "hadoop", "warehouse": "wh"}, "parameters": {"ds": 20240115}, "steps": []}"""));
        assertEquals("parameters.ds: expected a string, found number 20240115", param.getMessage());
    }

    @Test
    void transitiveDependencyOnChecksIsEnough() {
        JobManifest m = fromSteps("""
                "branch": "b", "steps": [{"id": "c", "kind": "CHECK", "sql": ["SELECT 1"]},
                                         {"id": "w", "kind": "CHECK", "severity": "warn", "sql": ["SELECT 1"]},
                                         {"id": "gate", "kind": "SQL", "sql": ["SELECT 1"], "dependsOn": ["c"]},
                                         {"id": "p", "kind": "PUBLISH", "tables": ["db.t"], "dependsOn": ["gate"]}]""");
        assertEquals(List.of("db.t"), m.publishedTables());
        assertEquals(Kind.PUBLISH, m.executionOrder().get(3).kind());
    }

    @Test
    void rejectsOtherFormatsAndMalformedJson() {
        ManifestException v2 = assertThrows(ManifestException.class,
                () -> JobManifest.fromJson("{\"formatVersion\": 2, \"whatever\": true}"));
        assertTrue(v2.getMessage().startsWith("formatVersion: this fsc reads manifest format 1, the file has 2"), v2.getMessage());
        ManifestException bad = assertThrows(ManifestException.class, () -> JobManifest.fromJson("{\n  \"formatVersion\": 1,,\n}"));
        assertEquals("malformed JSON at 2:22: expected a string key, found ','", bad.getMessage());
        ManifestException missing = assertThrows(ManifestException.class, () -> JobManifest.fromJson("{\"formatVersion\": 1}"));
        assertEquals("project: missing required field", missing.getMessage());
    }

    @Test
    void catalogsNeedWhatTheirTypeNeeds() {
        ManifestException glue = assertThrows(ManifestException.class,
                () -> new CatalogConfig(CatalogType.GLUE, "fsc", Optional.empty(), Map.of()));
        assertEquals("catalog.warehouse: required for a glue catalog", glue.getMessage());
        ManifestException rest = assertThrows(ManifestException.class,
                () -> new CatalogConfig(CatalogType.REST, "fsc", Optional.empty(), Map.of()));
        assertEquals("catalog.options.uri: required for a rest catalog", rest.getMessage());
        new CatalogConfig(CatalogType.REST, "lake", Optional.empty(), Map.of("uri", "http://localhost:8181"));
        assertThrows(ManifestException.class, () -> new CatalogConfig(CatalogType.HADOOP, "a.b", Optional.of("wh"), Map.of()));
    }

    private static JobManifest fromSteps(String rest) {
        return JobManifest.fromJson("""
                {"formatVersion": 1, "project": "p", "job": "j", "planHash": "h", "fscVersion": "v",
                 "catalog": {"type": "hadoop", "warehouse": "wh"}, "parameters": {"ds": "2024-01-01"},
                """ + rest + "}");
    }

    private static void assertError(String expected, String rest) {
        ManifestException e = assertThrows(ManifestException.class, () -> fromSteps(rest));
        assertEquals(expected, e.getMessage());
    }
}
