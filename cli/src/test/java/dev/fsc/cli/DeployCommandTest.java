package dev.fsc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fsc deploy} / {@code fsc status} on the local environment: idempotence, locking, recovery. */
class DeployCommandTest {
    @TempDir
    Path dir;

    private Path state;

    @BeforeEach
    void project() throws IOException {
        write("fsc.yaml", "project: t\nenvironments:\n  local: {}\n");
        write("orders.yaml", MainTest.ORDERS);
        write("user.yaml", MainTest.USER);
        write("view.yaml", MainTest.VIEW);
        state = dir.resolve(".fsc/state/local");
    }

    @Test
    void secondDeployChangesNothing() throws IOException {
        MainTest.Run first = deploy("--auto-approve");
        assertEquals(0, first.code(), first.all());
        assertTrue(first.out().contains("Deployed plan "), first.out());
        assertTrue(first.out().contains("+ view:user_stats"), "the plan is shown first: " + first.out());
        String document = Files.readString(state.resolve("state.json"));
        assertTrue(document.contains("\"serial\": 1"), document);
        assertTrue(document.contains("\"spark/daily.job.json\""), "every generated file is recorded: " + document);

        MainTest.Run second = deploy("--auto-approve");
        assertEquals(0, second.code(), second.all());
        assertTrue(second.out().startsWith("No changes. Environment local is at plan "), second.out());
        assertEquals(document, Files.readString(state.resolve("state.json")), "the state is not rewritten");
        assertEquals(1, files(state.resolve("history")).size());

        MainTest.Run plan = MainTest.fsc("plan", "--diff", "--project", dir.toString(), "--env", "local", "--detailed-exitcode");
        assertEquals(0, plan.code(), "plan --env reads what deploy wrote: " + plan.all());
    }

    @Test
    void everyDeployedVersionStaysRestorableFromTheArtifactStore() throws IOException {
        assertEquals(0, deploy("--auto-approve").code());
        String firstJob = Files.readString(state.resolve("artifacts").resolve(hashOf("spark/daily.job.json")));
        write("view.yaml", MainTest.VIEW.replace("expr: amount", "expr: amount * 2"));
        MainTest.Run breaking = deploy("--auto-approve");
        assertEquals(0, breaking.code(), breaking.all());
        assertTrue(breaking.out().contains("~ view:user_stats  breaking"), breaking.out());
        assertTrue(Files.readString(state.resolve("state.json")).contains("\"serial\": 2"));
        assertEquals(2, files(state.resolve("history")).size());
        assertTrue(Files.exists(state.resolve("artifacts").resolve(hashIn(state.resolve("history/000001.json"), "spark/daily.job.json"))),
                "serial 1's files are still in the store");
        assertFalse(firstJob.isEmpty());
    }

    @Test
    void aRollbackDeploysAnEarlierSerialsStoredFilesAgainAsANewSerial() throws IOException {
        assertEquals(0, deploy("--auto-approve").code());
        write("view.yaml", MainTest.VIEW.replace("expr: amount", "expr: amount * 2"));
        assertEquals(0, deploy("--auto-approve").code());
        Path dags = dir.resolve(".fsc/airflow/local/dags");
        Map<Path, String> dagsAtSerial2 = contents(dags);

        MainTest.Run rollback = deploy("--auto-approve", "--rollback-to", "1");
        assertEquals(0, rollback.code(), rollback.all());
        assertTrue(rollback.out().contains("Rolling back local to serial 1: plan "), rollback.out());
        assertTrue(rollback.out().contains("~ view:user_stats  breaking"), "the change back is shown as a plan: " + rollback.out());
        String first = Files.readString(state.resolve("history/000001.json"));
        String third = Files.readString(state.resolve("history/000003.json"));
        assertTrue(third.contains("\"serial\": 3"), "a rollback is a new state serial, the history stays: " + third);
        assertEquals(section(first, "\"plan_hash\""), section(third, "\"plan_hash\""));
        assertEquals(section(first, "\"artifacts\""), section(third, "\"artifacts\""), "serial 1's files, byte for byte");
        Map<Path, String> dagsNow = contents(dags);
        assertTrue(!dagsNow.equals(dagsAtSerial2), "the DAG files went back");
        for (Map.Entry<Path, String> dag : dagsNow.entrySet()) {
            String stored = Files.readString(state.resolve("artifacts").resolve(hashIn(state.resolve("history/000001.json"),
                    "airflow/" + dag.getKey())));
            assertEquals(stored, dag.getValue(), "the DAG folder holds serial 1's " + dag.getKey());
        }

        MainTest.Run again = deploy("--auto-approve", "--rollback-to", "1");
        assertEquals(0, again.code(), again.all());
        assertTrue(again.out().contains("\nNo changes. Environment local is at plan "), "a re-run changes nothing: " + again.out());
        MainTest.Run plan = MainTest.fsc("plan", "--diff", "--project", dir.toString(), "--env", "local", "--detailed-exitcode");
        assertEquals(5, plan.code(), "the specs still say serial 2's change, and plan --env shows it against serial 1's: " + plan.all());

        MainTest.Run status = MainTest.fsc("status", "--env", "local", "--history", "--project", dir.toString());
        assertEquals(0, status.code(), status.all());
        assertTrue(status.out().matches("(?s).*history    serial 3  plan \\S+  \\S+ by \\S+  \\(current\\)\n"
                + "  history    serial 2  plan .*\n  history    serial 1  plan .*"), status.out());

        MainTest.Run unknown = deploy("--auto-approve", "--rollback-to", "9");
        assertEquals(ExitCodes.USER_ERRORS, unknown.code(), unknown.all());
        assertTrue(unknown.err().contains("local has no deploy of serial 9 (it is at serial 3)"), unknown.err());
        Files.delete(state.resolve("artifacts").resolve(hashIn(state.resolve("history/000002.json"), "spark/daily.job.json")));
        MainTest.Run lost = deploy("--auto-approve", "--rollback-to", "2");
        assertEquals(ExitCodes.USER_ERRORS, lost.code(), lost.all());
        assertTrue(lost.err().contains("lacks spark/daily.job.json"), lost.err());
        assertEquals(third, Files.readString(state.resolve("state.json")), "a refused rollback writes nothing");
    }

    /** From {@code key} to the end of its line (a scalar) or of its JSON object. */
    private static String section(String document, String key) {
        int at = document.indexOf(key);
        int end = document.charAt(document.indexOf(':', at) + 2) == '{' ? document.indexOf('}', at) : document.indexOf('\n', at);
        return document.substring(at, end);
    }

    private static Map<Path, String> contents(Path folder) throws IOException {
        Map<Path, String> contents = new TreeMap<>();
        for (Path file : files(folder)) {
            contents.put(file.getFileName(), Files.readString(file));
        }
        return contents;
    }

    @Test
    void dryRunAndNoTerminalWriteNothing() {
        MainTest.Run dry = deploy("--dry-run");
        assertEquals(0, dry.code(), dry.all());
        assertTrue(dry.out().contains("Dry run: nothing changed."), dry.out());
        MainTest.Run unapproved = deploy();
        assertEquals(ExitCodes.USAGE, unapproved.code(), unapproved.all());
        assertTrue(unapproved.err().contains("pass --auto-approve"), unapproved.err());
        assertFalse(Files.exists(state.resolve("state.json")));
        assertFalse(Files.exists(state.resolve("artifacts")));
    }

    @Test
    void aDeployHoldingTheLockMakesTheOtherFailClearly() throws IOException {
        Files.createDirectories(state);
        // a live holder: this very JVM's pid, as another deploy on this host would have
        write(".fsc/state/local/lock.json", "{\"owner\": \"ana@ci\", \"host\": \"" + java.net.InetAddress.getLocalHost().getHostName()
                + "\", \"pid\": " + ProcessHandle.current().pid() + ", \"since\": \"2026-11-22T06:00:00Z\"}\n");
        MainTest.Run blocked = deploy("--auto-approve");
        assertEquals(ExitCodes.USER_ERRORS, blocked.code(), blocked.all());
        assertTrue(blocked.err().contains("another deploy holds the lock of this environment: ana@ci (pid "), blocked.err());
        assertTrue(blocked.err().contains("nothing applied by this deploy"), blocked.err());
        assertFalse(Files.exists(state.resolve("state.json")));
    }

    @Test
    void twoDeploysAtOnceOneWinsAndTheStateStaysConsistent() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<MainTest.Run>> runs = List.of(1, 2).stream().map(i -> CompletableFuture.supplyAsync(() -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return deploy("--auto-approve");
        })).toList();
        start.countDown();
        List<MainTest.Run> done = runs.stream().map(CompletableFuture::join).toList();
        long won = done.stream().filter(r -> r.code() == 0 && r.out().contains("Deployed plan ")).count();
        assertTrue(won >= 1, "one of them deploys: " + done);
        for (MainTest.Run run : done) {
            boolean deployed = run.code() == 0;
            boolean refused = run.code() == ExitCodes.USER_ERRORS && (run.err().contains("another deploy holds the lock")
                    || run.err().contains("changed while this plan was shown"));
            assertTrue(deployed || refused, "each either deploys or says why not: " + run.all());
        }
        // if both got the lock one after the other, the second saw the first's state and refused: one document
        assertEquals(1, files(state.resolve("history")).size());
        assertFalse(Files.exists(state.resolve("lock.json")), "the lock is released");
    }

    @Test
    void aLockLeftByADeadDeployIsTakenOver() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        write(".fsc/state/local/lock.json", "{\"owner\": \"killed@ci\", \"host\": \"" + java.net.InetAddress.getLocalHost().getHostName()
                + "\", \"pid\": " + gone.pid() + ", \"since\": \"2026-11-22T06:00:00Z\"}\n");
        MainTest.Run run = deploy("--auto-approve");
        assertEquals(0, run.code(), run.all());
        assertTrue(Files.exists(state.resolve("lock.stale-" + gone.pid() + ".json")), "the stale lock is kept for the record");
    }

    @Test
    void aFailedDeployIsRecordedAndARerunConverges() throws IOException {
        Files.createDirectories(state);
        write(".fsc/state/local/artifacts", "not a folder"); // the store cannot be written
        MainTest.Run failed = deploy("--auto-approve");
        assertEquals(ExitCodes.USER_ERRORS, failed.code(), failed.all());
        assertTrue(failed.err().contains("failed: store "), failed.err());
        assertTrue(failed.err().contains("run fsc deploy again: it converges"), failed.err());
        assertFalse(Files.exists(state.resolve("state.json")), "the state names no deploy that is not whole");
        assertFalse(Files.exists(state.resolve("lock.json")), "the lock is released on failure");

        Files.delete(state.resolve("artifacts"));
        MainTest.Run rerun = deploy("--auto-approve");
        assertEquals(0, rerun.code(), rerun.all());
        assertEquals(0, deploy("--auto-approve").code());
        MainTest.Run status = MainTest.fsc("status", "--env", "local", "--project", dir.toString());
        assertEquals(0, status.code(), status.all());
        assertTrue(status.out().contains("(serial 1)"), status.out());
        assertFalse(status.out().contains("unfinished"), status.out());
    }

    @Test
    void unknownEnvironmentsAndUnusableStateLocationsAreUsageErrors() throws IOException {
        MainTest.Run unknown = MainTest.fsc("deploy", "--env", "staging", "--auto-approve", "--project", dir.toString());
        assertEquals(ExitCodes.USAGE, unknown.code(), unknown.all());
        assertTrue(unknown.err().contains("declares no environment `staging`"), unknown.err());
        write("fsc.yaml", "project: t\nenvironments:\n  prod:\n    state: \"gs://lake/state/prod\"\n");
        MainTest.Run gcs = MainTest.fsc("deploy", "--env", "prod", "--auto-approve", "--project", dir.toString());
        assertEquals(ExitCodes.USAGE, gcs.code(), gcs.all());
        assertTrue(gcs.err().contains("state is gs://lake/state/prod: fsc deploys to local paths and s3:// locations only"), gcs.err());
        write("fsc.yaml", "project: t\nenvironments:\n  prod:\n    state: \"s3:///no-bucket\"\n");
        MainTest.Run noBucket = MainTest.fsc("deploy", "--env", "prod", "--auto-approve", "--project", dir.toString());
        assertEquals(ExitCodes.USAGE, noBucket.code(), noBucket.all());
        assertTrue(noBucket.err().contains("s3:///no-bucket is not an S3 location (expected s3://bucket/prefix)"), noBucket.err());
        assertFalse(Files.exists(dir.resolve(".fsc")), "nothing was written");
    }

    private MainTest.Run deploy(String... flags) {
        List<String> args = new java.util.ArrayList<>(List.of("deploy", "--env", "local", "--project", dir.toString()));
        args.addAll(List.of(flags));
        return MainTest.fsc(args.toArray(String[]::new));
    }

    private String hashOf(String path) throws IOException {
        return hashIn(state.resolve("state.json"), path);
    }

    private static String hashIn(Path document, String path) throws IOException {
        String text = Files.readString(document, StandardCharsets.UTF_8);
        int at = text.indexOf("\"" + path + "\": \"");
        return text.substring(at + path.length() + 5, text.indexOf('"', at + path.length() + 5));
    }

    private static List<Path> files(Path folder) throws IOException {
        try (var paths = Files.list(folder)) {
            return paths.toList();
        }
    }

    private void write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
