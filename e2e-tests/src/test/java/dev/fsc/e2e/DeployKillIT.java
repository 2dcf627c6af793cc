package dev.fsc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.common.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code fsc deploy} of the marketplace example to a fresh {@code local} environment, as a real process: a second
 * deploy changes nothing, and a deploy SIGKILLed at any of its steps leaves no half-written DAG file and converges
 * to exactly what an uninterrupted deploy gives when run again.
 */
class DeployKillIT {
    private static final Path WORK = Path.of(System.getProperty("fsc.it.dir", "target/it")).toAbsolutePath()
            .resolve("deploy-kill-" + System.currentTimeMillis());
    private static final String DAG_FOLDER = ".fsc/airflow/local/dags";

    private static final List<CliProcess.KillPoint> KILL_POINTS = List.of(
            kill("while storing the artifacts", "fsc deploy: store ", 1),
            kill("at the first DAG file", "fsc deploy: write DAG ", 1),
            kill("at the second DAG file", "fsc deploy: write DAG ", 2),
            kill("at the last DAG file, before the state", "fsc deploy: write DAG ", 3),
            kill("after the state, before the process ends", "Deployed plan ", 1));

    private static CliProcess.KillPoint kill(String name, String linePrefix, int nth) {
        return new CliProcess.KillPoint(name, line -> line.startsWith(linePrefix), nth, true);
    }

    @Test
    void aSecondDeployChangesNothingAndAKilledDeployConvergesWhenRerun() throws Exception {
        ExampleProject reference = ExampleProject.copy("marketplace", Files.createDirectories(WORK.resolve("reference")));
        CliProcess.Outcome first = deploy(reference, null);
        assertEquals(0, first.exit(), first.text());
        Deployed expected = Deployed.of(reference.root());
        CliProcess.Outcome second = deploy(reference, null);
        assertEquals(0, second.exit(), second.text());
        assertTrue(second.text().startsWith("No changes. Environment local is at plan " + expected.planHash()), second.text());
        assertEquals(expected, Deployed.of(reference.root()), "the second deploy wrote nothing");

        for (CliProcess.KillPoint point : KILL_POINTS) {
            ExampleProject project = ExampleProject.copy("marketplace",
                    Files.createDirectories(WORK.resolve(point.name().replaceAll("[^a-z]+", "-"))));
            CliProcess.Outcome killed = deploy(project, point);
            assertTrue(killed.killed(), point.name() + ": the kill point was reached: " + killed.text());
            assertEveryDagFileWhole(project.root(), expected, point.name());

            CliProcess.Outcome rerun = deploy(project, null);
            assertEquals(0, rerun.exit(), point.name() + ": " + rerun.text());
            assertEquals(expected, Deployed.of(project.root()), point.name() + ": the rerun converged to the uninterrupted deploy");
            try (Stream<Path> files = Files.walk(project.root().resolve(".fsc"))) {
                assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(),
                        point.name() + ": the rerun removed the killed deploy's temporary files");
            }
            CliProcess.Outcome again = deploy(project, null);
            assertTrue(again.text().startsWith("No changes."), point.name() + ": " + again.text());
        }
    }

    private static CliProcess.Outcome deploy(ExampleProject project, CliProcess.KillPoint kill) throws IOException, InterruptedException {
        return CliProcess.run(project.root(), List.of("deploy", "--env", "local", "--auto-approve", "--project",
                project.root().toString()), kill);
    }

    /** Airflow parses the folder at any moment: every .py in it must be a whole file of the deploy. */
    private static void assertEveryDagFileWhole(Path root, Deployed expected, String point) throws IOException {
        Path dags = root.resolve(DAG_FOLDER);
        if (!Files.isDirectory(dags)) {
            return;
        }
        try (Stream<Path> files = Files.list(dags)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".py")).toList()) {
                assertEquals(expected.dags().get(f.getFileName().toString()), Files.readString(f, StandardCharsets.UTF_8),
                        point + ": " + f + " is whole");
            }
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What a deploy leaves that matters: the plan and every generated file's hash the state names, every artifact
     * it names present with that content, and the DAG files.
     */
    private record Deployed(String planHash, Map<String, String> artifacts, Map<String, String> dags) {
        static Deployed of(Path root) throws IOException {
            Path state = root.resolve(".fsc/state/local");
            Map<String, Object> document = Json.parseObject(Files.readString(state.resolve("state.json")));
            Map<String, String> artifacts = new TreeMap<>();
            ((Map<?, ?>) document.get("artifacts")).forEach((path, hash) -> artifacts.put((String) path, (String) hash));
            for (String hash : artifacts.values()) {
                Path artifact = state.resolve("artifacts").resolve(hash);
                assertTrue(Files.isRegularFile(artifact), "artifact " + hash + " is stored");
                assertEquals(hash, sha256(Files.readAllBytes(artifact)), "artifact " + hash + " is whole");
            }
            Map<String, String> dags = new TreeMap<>();
            try (Stream<Path> files = Files.list(root.resolve(DAG_FOLDER))) {
                for (Path f : files.filter(f -> f.toString().endsWith(".py")).toList()) {
                    dags.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
                }
            }
            return new Deployed((String) document.get("plan_hash"), artifacts, dags);
        }
    }
}
