package dev.fsc.flink.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.common.online.ServedViews;
import dev.fsc.common.online.StateType;
import dev.fsc.common.online.ViewDescriptor;
import dev.fsc.flink.online.EmbeddedOnlineStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code served}: what the deploy calls to show and switch the served versions, on the embedded store. */
class ServedCommandTest {
    private static final long HOUR = 3_600_000L;

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run served(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> argv = new java.util.ArrayList<>(List.of("served", "--store", "embedded:" + dir.resolve("store")));
        argv.addAll(List.of(args));
        int exit = FlinkRunner.execute(argv, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path descriptor(String version) throws Exception {
        ViewDescriptor v = new ViewDescriptor("spend", version, List.of(new ViewDescriptor.Column("user_id", StateType.parse("BIGINT"))),
                Optional.empty(), List.of(new ViewDescriptor.TileLayout(HOUR, "gold.spend__tiles_1h", List.of(
                        new ViewDescriptor.Column("events", StateType.parse("BIGINT")),
                        new ViewDescriptor.Column("latest_event", StateType.parse("TIMESTAMP"))))),
                List.of(new ViewDescriptor.Feature("payments_7d", "count", HOUR, Optional.of(168 * HOUR), List.of("events"))));
        return Files.writeString(dir.resolve(version + ".json"), v.toJson());
    }

    private void progress(String version, long watermark) {
        try (EmbeddedOnlineStore store = new EmbeddedOnlineStore(dir.resolve("store"), "job-" + version)) {
            store.upsert(ServedViews.progressKey("spend", version), Map.of(ServedViews.progressField(HOUR, 0, 1), Long.toString(watermark)), 0);
            store.flush();
        }
    }

    @Test
    void servesTheFirstVersionAtOnceThenANewOneOnlyOnceItCaughtUp() throws Exception {
        assertEquals(new Run(0, "{}\n", ""), served());
        Run first = served("--switch", descriptor("v1").toString(), "--timeout", "5");
        assertEquals(0, first.exit(), first.err());
        assertEquals("serving spend version v1\n", first.out());
        progress("v1", 5_000);

        Run cold = served("--switch", descriptor("v2").toString(), "--timeout", "1");
        assertEquals(1, cold.exit());
        assertTrue(cold.err().contains("not warm after 1 s, readers stay on the served versions: spend version v2 at no watermark yet"
                + " of 1970-01-01T00:00:05Z (version v1)"), cold.err());
        assertTrue(served().out().contains("\"spend\": { \"version\": \"v1\", \"watermark\": 5000 }"), served().out());

        progress("v2", 5_000);
        Run warm = served("--switch", descriptor("v2").toString(), "--timeout", "5");
        assertEquals(0, warm.exit(), warm.err());
        assertEquals("serving spend version v2 (was v1)\n", warm.out());
        assertEquals(new Run(0, "no longer serving spend\n", ""), served("--retire", "spend"));
        assertEquals("{}\n", served().out());
    }

    @Test
    void usageErrorsSayWhatIsWrong() {
        Run stray = served("v1.json");
        assertEquals(2, stray.exit());
        assertTrue(stray.err().contains("unexpected argument v1.json"), stray.err());
    }
}
