package dev.fsc.flink.functions;

import org.apache.flink.table.functions.ScalarFunction;

import java.util.List;

/** {@code FSC_HLL_ESTIMATE(sketch)} → BIGINT: Spark's {@code hll_sketch_estimate}, 0 for NULL. */
public final class FscHllEstimate extends ScalarFunction {
    private static final HllSketches SKETCHES = new HllSketches();

    public Long eval(byte[] sketch) {
        return sketch == null ? 0L : SKETCHES.estimate(List.of(sketch));
    }
}
