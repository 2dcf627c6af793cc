package dev.fsc.cli.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TileTableComparisonTest {
    @TempDir
    Path dir;

    /** A list-mode HLL sketch (preamble of 2 ints, mode byte 0) holding these coupons in this order. */
    private static String listSketch(int... coupons) {
        ByteBuffer b = ByteBuffer.allocate(8 + 4 * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {2, 1, 7, 12, 2, 8, (byte) coupons.length, 8});
        for (int c : coupons) {
            b.putInt(c);
        }
        return Base64.getEncoder().encodeToString(b.array());
    }

    private Path file(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    @Test
    void timestampsWithOrWithoutZoneAndSketchesInAnyOrderMatch() throws IOException {
        Path batch = file("b.jsonl",
                "{\"user_id\":1,\"tile_start\":\"2026-10-01T00:01:00.000Z\",\"events\":2,\"x__sum\":0.30000000000000004,\"x__sketch\":\"" + listSketch(5, 9) + "\"}");
        Path stream = file("s.jsonl",
                "{\"user_id\":1,\"tile_start\":\"2026-10-01T00:01:00.000\",\"events\":2,\"x__sum\":0.3,\"x__sketch\":\"" + listSketch(9, 5) + "\"}");
        TileTableComparison c = TileTableComparison.of("gold.t", List.of("user_id"), batch, stream);
        assertTrue(c.identical(), c.examples().toString());
        assertEquals(1, c.matching());
    }

    @Test
    void aDifferentCountASketchWithOtherItemsAndAMissingRowAreMismatches() throws IOException {
        Path batch = file("b.jsonl",
                "{\"user_id\":1,\"tile_start\":\"2026-10-01T00:01:00.000Z\",\"events\":2,\"x__sketch\":\"" + listSketch(5, 9) + "\"}",
                "{\"user_id\":2,\"tile_start\":\"2026-10-01T00:01:00.000Z\",\"events\":1,\"x__sketch\":\"" + listSketch(5) + "\"}",
                "{\"user_id\":3,\"tile_start\":\"2026-10-01T00:01:00.000Z\",\"events\":1,\"x__sketch\":\"" + listSketch(5) + "\"}");
        Path stream = file("s.jsonl",
                "{\"user_id\":1,\"tile_start\":\"2026-10-01T00:01:00.000\",\"events\":3,\"x__sketch\":\"" + listSketch(5, 9) + "\"}",
                "{\"user_id\":2,\"tile_start\":\"2026-10-01T00:01:00.000\",\"events\":1,\"x__sketch\":\"" + listSketch(6) + "\"}");
        TileTableComparison c = TileTableComparison.of("gold.t", List.of("user_id"), batch, stream);
        assertFalse(c.identical());
        assertEquals(3, c.rows());
        assertEquals(0, c.matching());
        assertEquals(3, c.examples().size());
        assertTrue(c.examples().get(0).contains("events batch=2 stream=3"), c.examples().get(0));
        assertTrue(c.examples().get(2).contains("only in batch"), c.examples().get(2));
    }
}
