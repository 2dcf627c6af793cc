package dev.fsc.common.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.common.manifest.JobManifest.Kind;
import dev.fsc.common.manifest.JobResult.Status;
import dev.fsc.common.manifest.JobResult.StepResult;
import dev.fsc.common.manifest.JobResult.StepStatus;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class JobResultTest {

    @Test
    void roundTripsThroughJson() {
        JobResult r = new JobResult(1, "p", "j", "h", Status.FAILED, 1, Optional.of("1 error check failed"), 2.345, 9.5,
                List.of(
                        new StepResult("load", Kind.SQL, StepStatus.OK, 1.25, Optional.of(12_345L),
                                Map.of("silver.orders", 12_345L), Map.of(), List.of(), Optional.empty(), Optional.empty()),
                        new StepResult("no_nulls", Kind.CHECK, StepStatus.FAILED, 0.5, Optional.of(2L), Map.of(), Map.of(),
                                List.of("id is null", "id is null"), Optional.empty(), Optional.empty()),
                        new StepResult("bad", Kind.SQL, StepStatus.FAILED, 0.1, Optional.empty(), Map.of(), Map.of(),
                                List.of(), Optional.of("[TABLE_OR_VIEW_NOT_FOUND] ..."), Optional.of(2)),
                        new StepResult("publish", Kind.PUBLISH, StepStatus.SKIPPED, 0, Optional.empty(), Map.of(),
                                Map.of("silver.orders", 42L), List.of(), Optional.empty(), Optional.empty())));
        String json = r.toJson();
        assertEquals(r, JobResult.fromJson(json));
        assertEquals(json, JobResult.fromJson(json).toJson());
        assertTrue(json.contains("\"status\": \"failed\""), json);
        assertTrue(json.contains("\"rowsWritten\": {\n        \"silver.orders\": 12345\n      }"), json);
    }

    @Test
    void exitCodeMustAgreeWithStatus() {
        assertEquals(3, JobResult.exitCodeOf(Status.ERROR));
        assertThrows(ManifestException.class,
                () -> new JobResult(1, "", "", "", Status.OK, 1, Optional.empty(), 0, 0, List.of()));
    }

    @Test
    void sparkCommandLineHasTheOptionsBeforeTheJar() {
        List<String> cmd = SparkJvm.command(Path.of("/jdk/bin/java"), Path.of("/x/fsc-spark-runner.jar"), Path.of("/tmp/t"),
                List.of("-Xmx1g"), List.of("m.json", "--master", "local[2]"));
        assertEquals("/jdk/bin/java", cmd.get(0));
        assertEquals(SparkJvm.OPTIONS, cmd.subList(1, 1 + SparkJvm.OPTIONS.size()));
        assertEquals(List.of("-Djava.io.tmpdir=/tmp/t", "-Xmx1g", "-jar", "/x/fsc-spark-runner.jar", "m.json", "--master",
                "local[2]"), cmd.subList(1 + SparkJvm.OPTIONS.size(), cmd.size()));
    }
}
