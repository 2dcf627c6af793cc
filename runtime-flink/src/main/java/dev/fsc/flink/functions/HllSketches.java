package dev.fsc.flink.functions;

import dev.fsc.common.online.SketchUnion;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.memory.Memory;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The count-distinct sketch both paths share, as Spark 4.1's {@code hll_sketch_agg(x, 12)} builds it
 * (read from its bytecode): {@code new HllSketch(12, HLL_8)}; an INT or BIGINT item is
 * {@code update(long)}; a STRING item (UTF8_BINARY collation) is {@code update(utf8 bytes)} and an
 * empty string is skipped; the result is {@code toUpdatableByteArray()}. Unions (hll_union_agg) use
 * {@code new Union(lgK)}, {@code getResult(HLL_8)}; the estimate is rounded ({@code Math.round}).
 */
public final class HllSketches implements SketchUnion {
    /** log2 of the number of buckets; Spark's default and fsc's everywhere. */
    public static final int LG_K = 12;

    /** An empty sketch. */
    public static HllSketch empty() {
        return new HllSketch(LG_K, TgtHllType.HLL_8);
    }

    /** Adds one item as Spark does for its type; NULL and empty strings are no items. */
    public static void add(HllSketch sketch, Object item) {
        if (item == null) {
            return;
        }
        if (item instanceof String s) {
            if (!s.isEmpty()) {
                sketch.update(s.getBytes(StandardCharsets.UTF_8));
            }
        } else if (item instanceof Long || item instanceof Integer) {
            sketch.update(((Number) item).longValue());
        } else if (item instanceof byte[] b) {
            sketch.update(b);
        } else {
            throw new IllegalArgumentException("count_distinct over " + item.getClass().getSimpleName()
                    + ": cast the expression to STRING (as the batch path does)");
        }
    }

    /** A sketch from its serialised bytes. */
    public static HllSketch read(byte[] bytes) {
        return HllSketch.heapify(Memory.wrap(bytes));
    }

    /** The union of sketches, as the batch path's {@code hll_union_agg}. */
    public static HllSketch union(Iterable<byte[]> sketches) {
        Union union = new Union(LG_K);
        for (byte[] s : sketches) {
            if (s != null) {
                union.update(read(s));
            }
        }
        return union.getResult(TgtHllType.HLL_8);
    }

    @Override
    public long estimate(List<byte[]> sketches) {
        return sketches.isEmpty() ? 0 : Math.round(union(sketches).getEstimate());
    }
}
