package dev.fsc.flink.functions;

import org.apache.datasketches.hll.HllSketch;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.functions.AggregateFunction;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code FSC_HLL(value)} → BYTES: the count-distinct sketch of the non-NULL values, byte-identical to
 * Spark's {@code hll_sketch_agg(value, 12)} ({@link HllSketches}); a group of only NULLs yields the
 * empty sketch, as Spark's does. Not retractable (no sketch is): feed it append-only input.
 */
@FunctionHint(accumulator = @DataTypeHint(value = "RAW", bridgedTo = HllAccumulator.class))
public final class FscHll extends AggregateFunction<byte[], HllAccumulator> {

    @Override
    public HllAccumulator createAccumulator() {
        return new HllAccumulator();
    }

    public void accumulate(HllAccumulator acc, String value) {
        add(acc, value);
    }

    public void accumulate(HllAccumulator acc, Long value) {
        add(acc, value);
    }

    public void accumulate(HllAccumulator acc, Integer value) {
        add(acc, value);
    }

    private static void add(HllAccumulator acc, Object value) {
        HllSketch sketch = acc.sketch == null ? HllSketches.empty() : HllSketches.read(acc.sketch);
        HllSketches.add(sketch, value);
        acc.sketch = sketch.toUpdatableByteArray();
    }

    public void merge(HllAccumulator acc, Iterable<HllAccumulator> others) {
        List<byte[]> all = new ArrayList<>();
        all.add(acc.sketch);
        others.forEach(o -> all.add(o.sketch));
        acc.sketch = HllSketches.union(all).toUpdatableByteArray();
    }

    @Override
    public byte[] getValue(HllAccumulator acc) {
        return acc.sketch == null ? HllSketches.empty().toUpdatableByteArray() : acc.sketch;
    }
}
