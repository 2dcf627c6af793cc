package dev.fsc.cli.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.common.json.Json;
import dev.fsc.common.online.ViewDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureParityTest {
    private static final long HOUR = 3_600_000;

    @TempDir
    Path dir;

    private Path file(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    @Test
    void probesEveryKeyAtTileEndsAndWindowEdges() throws IOException {
        ViewDescriptor view = new ViewDescriptor("v", "abc",
                List.of(new ViewDescriptor.Column("user_id", dev.fsc.common.online.StateType.parse("BIGINT"))), Optional.empty(),
                List.of(new ViewDescriptor.TileLayout(HOUR, "gold.v__tiles_1h",
                        List.of(new ViewDescriptor.Column("events", dev.fsc.common.online.StateType.parse("BIGINT")),
                                new ViewDescriptor.Column("latest_event", dev.fsc.common.online.StateType.parse("TIMESTAMP"))))),
                List.of(new ViewDescriptor.Feature("n_2h", "count", HOUR, Optional.of(2 * HOUR), List.of("events"))));
        file("gold.v__tiles_1h.jsonl",
                "{\"user_id\":1,\"tile_start\":\"2026-10-01T00:00:00.000\",\"events\":2}",
                "{\"user_id\":2,\"tile_start\":\"2026-10-01T05:00:00.000Z\",\"events\":1}");
        int probes = FeatureParity.writeProbes(view, dir, dir.resolve("p/v.probes.jsonl"));

        long end0 = Instant.parse("2026-10-01T00:59:59.999Z").toEpochMilli();
        long end5 = Instant.parse("2026-10-01T05:59:59.999Z").toEpochMilli();
        List<Long> times = List.of(end0, end0 + 2 * HOUR, end0 + 3 * HOUR, end5, end5 + 2 * HOUR, end5 + 3 * HOUR);
        assertEquals(2 * times.size(), probes);
        List<String> lines = Files.readAllLines(dir.resolve("p/v.probes.jsonl"));
        for (int i = 0; i < lines.size(); i++) {
            Map<String, Object> p = Json.parseObject(lines.get(i));
            assertEquals(List.of(i < times.size() ? 1L : 2L), p.get("keys"));
            assertEquals(times.get(i % times.size()), ((Number) p.get("t")).longValue());
        }
    }

    @Test
    void aDifferentFeatureValueIsAMismatchWithAnExample() throws IOException {
        Path batch = file("b.jsonl",
                "{\"keys\":[1],\"t\":0,\"features\":{\"n\":3,\"avg\":\"0.30000000000000004\",\"last\":\"a\"}}",
                "{\"keys\":[2],\"t\":0,\"features\":{\"n\":3,\"avg\":null,\"last\":\"a\"}}");
        Path stream = file("s.jsonl",
                "{\"keys\":[1],\"t\":0,\"features\":{\"n\":3,\"avg\":\"0.3\",\"last\":\"a\"}}",
                "{\"keys\":[2],\"t\":0,\"features\":{\"n\":4,\"avg\":null,\"last\":\"a\"}}");
        FeatureParity p = FeatureParity.of("v", batch, stream);
        assertEquals(2, p.probes());
        assertEquals(1, p.matching());
        assertTrue(p.examples().get(0).contains("n batch=3 stream=4"), p.examples().toString());
    }

    @Test
    void aMissingAnswerFailsEveryProbe() throws IOException {
        FeatureParity p = FeatureParity.of("v", file("b.jsonl", "{\"keys\":[1],\"t\":0,\"features\":{}}"), file("s.jsonl"));
        assertEquals(0, p.matching());
    }
}
