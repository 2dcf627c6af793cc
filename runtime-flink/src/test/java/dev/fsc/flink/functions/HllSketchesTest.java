package dev.fsc.flink.functions;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * FSC_HLL builds the very bytes Spark's {@code hll_sketch_agg(x, 12)} does. The fixture was made by
 * running Spark 4.1.3 (the batch runner's) on the same inputs:
 * {@code SELECT hex(hll_sketch_agg(x, 12)) FROM VALUES ...}.
 */
class HllSketchesTest {

    private static List<String> fixture() throws IOException {
        try (InputStream in = HllSketchesTest.class.getResourceAsStream("/hll/spark-4.1.3-hll_sketch_agg.txt")) {
            List<String> lines = new ArrayList<>();
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!l.startsWith("#") && !l.isBlank()) {
                    lines.add(l.trim());
                }
            }
            return lines;
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes).toUpperCase(Locale.ROOT);
    }

    @Test
    void stringsAreFedAsUtf8BytesAndEmptyStringsAndNullsAreSkipped() throws IOException {
        FscHll f = new FscHll();
        HllAccumulator acc = f.createAccumulator();
        for (String s : Arrays.asList("a", "b", "", null, "é€😀", "a")) {
            f.accumulate(acc, s);
        }
        assertEquals(fixture().get(0), hex(f.getValue(acc)));
    }

    @Test
    void longsAreFedAsLongs() throws IOException {
        FscHll f = new FscHll();
        HllAccumulator acc = f.createAccumulator();
        for (long v : new long[] {1, 2, -7, 1}) {
            f.accumulate(acc, v);
        }
        assertEquals(fixture().get(1), hex(f.getValue(acc)));
    }

    @Test
    void aLargeSketchInHllModeAndItsEstimateMatchSpark() throws IOException {
        FscHll f = new FscHll();
        HllAccumulator acc = f.createAccumulator();
        for (int i = 0; i < 5000; i++) {
            f.accumulate(acc, Integer.toString(i));
        }
        assertEquals(fixture().get(2), hex(f.getValue(acc)));
        assertEquals(Long.parseLong(fixture().get(3)), new FscHllEstimate().eval(f.getValue(acc)));
    }

    @Test
    void mergingPartialSketchesEstimatesTheUnion() {
        FscHll f = new FscHll();
        HllAccumulator a = f.createAccumulator();
        HllAccumulator b = f.createAccumulator();
        for (int i = 0; i < 100; i++) {
            f.accumulate(a, "x" + i);
            f.accumulate(b, "x" + (i + 50));
        }
        FscHllMerge m = new FscHllMerge();
        HllAccumulator u = m.createAccumulator();
        m.accumulate(u, f.getValue(a));
        m.accumulate(u, f.getValue(b));
        assertEquals(150L, new FscHllEstimate().eval(m.getValue(u))); // exact for small sets
        assertEquals(0L, new FscHllEstimate().eval(null));
    }
}
