package dev.fsc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.cli.deploy.DeployState;
import dev.fsc.cli.deploy.LocalStateStore;
import dev.fsc.cli.deploy.StateLock;
import dev.fsc.compiler.codegen.TableVersions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The table versions in an environment's state document name the tables of every command that compiles for it
 * (compile, status, deploy), and going back is writing the earlier versions: no table is touched. No warehouse
 * table exists here, so no Spark runs; DeployTableVersionsIT makes a real breaking change against a real warehouse.
 */
class DeployTableVersionsTest {
    private static final String TILES = "gold.user_stats__tiles_1m";

    @TempDir
    Path dir;

    private LocalStateStore store;

    @BeforeEach
    void project() throws IOException {
        write("fsc.yaml", "project: t\nenvironments:\n  local: {}\n  prod:\n    state: \"s3://bucket/state/prod\"\n");
        write("orders.yaml", MainTest.ORDERS);
        write("user.yaml", MainTest.USER);
        write("view.yaml", MainTest.VIEW);
        store = new LocalStateStore(dir.resolve(".fsc/state/local"));
    }

    @Test
    void theStatesTableVersionsNameTheTablesOfCompileStatusAndDeploy() throws IOException {
        assertEquals(0, deploy().code());
        assertTrue(compiled("v1").contains("CREATE TABLE IF NOT EXISTS " + TILES + " "), "version 1: today's name");
        recordVersions(new TableVersions(Map.of(TILES, 2)));

        MainTest.Run compile = MainTest.fsc("compile", "--env", "local", "--project", dir.toString(), "--out", dir.resolve("v2").toString());
        assertEquals(0, compile.code(), compile.all());
        assertTrue(compile.out().contains("table version: " + TILES + " -> " + TILES + "__v2 (version 2)"), compile.out());
        String tiles = Files.readString(dir.resolve("v2/spark/tiles_user_stats_1m.sql"));
        assertTrue(tiles.contains("CREATE TABLE IF NOT EXISTS " + TILES + "__v2 "), tiles);
        assertTrue(Files.readString(dir.resolve("v2/spark/daily.job.json")).contains("\"" + TILES + "__v2\""), "published under it");
        assertFalse(Files.readString(dir.resolve("v2/spark/tiles_user_stats_1h.sql")).contains("__v2"), "the other tile size keeps its name");

        MainTest.Run status = MainTest.fsc("status", "--env", "local", "--project", dir.toString());
        assertTrue(status.out().contains("table      " + TILES + " -> " + TILES + "__v2 (version 2)"), status.out());

        // the deployed files still name version 1: a deploy brings them to the state's versions and keeps them
        MainTest.Run redeploy = deploy();
        assertEquals(0, redeploy.code(), redeploy.all());
        assertTrue(redeploy.out().contains("Deployed plan"), redeploy.out());
        assertEquals(new TableVersions(Map.of(TILES, 2)), store.read().orElseThrow().tables());
        String deployedJob = store.artifact(store.read().orElseThrow().artifacts().get("spark/daily.job.json")).orElseThrow();
        assertTrue(deployedJob.contains("\"" + TILES + "__v2\""), "the deployed job writes version 2");
        assertTrue(deploy().out().startsWith("No changes."), "converged");

        // rolling back is a state change: the earlier versions, and the jobs name the old table again
        recordVersions(TableVersions.NONE);
        assertTrue(compiled("back").contains("CREATE TABLE IF NOT EXISTS " + TILES + " "));
        assertFalse(MainTest.fsc("status", "--env", "local", "--project", dir.toString()).out().contains("table      "));
    }

    @Test
    void anEnvironmentWhoseStateIsInS3CompilesAtVersionOneAndSaysSo() throws IOException {
        MainTest.Run compile = MainTest.fsc("compile", "--env", "prod", "--project", dir.toString(), "--out", dir.resolve("prod").toString());
        assertEquals(0, compile.code(), compile.all());
        assertTrue(compile.err().contains("the deploy state of prod is in s3://bucket/state/prod, which this command does not read"),
                compile.err());
    }

    @Test
    void theStateDocumentKeepsTheVersionsAndReadsDocumentsWrittenBeforeThem() {
        DeployState state = new DeployState(3, "p", "0.1.0", "2026-11-23T12:00:00Z", "me@host", true, Map.of("plan.json", "h"),
                List.of("a"), new TableVersions(Map.of(TILES, 2, "gold.ds", 1)));
        assertTrue(state.toJson().contains("\"table_versions\": {\n    \"" + TILES + "\": 2\n  }"), state.toJson());
        assertEquals(state, DeployState.fromJson(state.toJson()));
        String before = state.toJson().replaceAll(",\\s*\"table_versions\": \\{[^}]*\\}", "");
        assertFalse(before.contains("table_versions"), before);
        assertEquals(TableVersions.NONE, DeployState.fromJson(before).tables(), "every table at version 1");
    }

    /** Writes the next state document with these versions, as a deploy (or a rollback) would. */
    private void recordVersions(TableVersions tables) throws IOException {
        DeployState current = store.read().orElseThrow();
        String plan = store.artifact(current.artifacts().get("plan.json")).orElseThrow();
        try (StateLock lock = store.lock("test")) {
            store.write(new DeployState(current.serial() + 1, current.planHash(), current.fscVersion(), current.deployedAt(),
                    current.deployedBy(), true, current.artifacts(), current.applied(), tables), plan, lock);
        }
    }

    private String compiled(String out) throws IOException {
        MainTest.Run compile = MainTest.fsc("compile", "--env", "local", "--project", dir.toString(), "--out", dir.resolve(out).toString());
        assertEquals(0, compile.code(), compile.all());
        return Files.readString(dir.resolve(out).resolve("spark/tiles_user_stats_1m.sql"));
    }

    private MainTest.Run deploy() {
        return MainTest.fsc("deploy", "--env", "local", "--auto-approve", "--project", dir.toString());
    }

    private void write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
