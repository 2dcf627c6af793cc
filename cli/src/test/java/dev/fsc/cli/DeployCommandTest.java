package dev.fsc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
