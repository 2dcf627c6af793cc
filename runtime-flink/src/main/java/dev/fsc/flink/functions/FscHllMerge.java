package dev.fsc.flink.functions;

import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.functions.AggregateFunction;

import java.util.ArrayList;
import java.util.List;

/** {@code FSC_HLL_MERGE(sketch)} → BYTES: the union of sketches, as Spark's {@code hll_union_agg}. */
@FunctionHint(accumulator = @DataTypeHint(value = "RAW", bridgedTo = HllAccumulator.class))
public final class FscHllMerge extends AggregateFunction<byte[], HllAccumulator> {

    @Override
    public HllAccumulator createAccumulator() {
        return new HllAccumulator();
    }

    public void accumulate(HllAccumulator acc, byte[] sketch) {
        if (sketch != null) {
            acc.sketch = HllSketches.union(java.util.Arrays.asList(acc.sketch, sketch)).toUpdatableByteArray();
        }
    }

    public void merge(HllAccumulator acc, Iterable<HllAccumulator> others) {
        List<byte[]> all = new ArrayList<>();
        all.add(acc.sketch);
        others.forEach(o -> all.add(o.sketch));
        acc.sketch = HllSketches.union(all).toUpdatableByteArray();
    }

    @Override
    public byte[] getValue(HllAccumulator acc) {
        return acc.sketch;
    }
}
