package dev.fsc.common.online;

import java.util.List;

/**
 * Merges count-distinct sketches and estimates the union, rounded as Spark's
 * {@code hll_sketch_estimate(hll_union_agg(...))} does. Implemented where the sketch library lives
 * (runtime-flink), so this package stays free of it.
 */
@FunctionalInterface
public interface SketchUnion {
    /** The rounded estimate of the union of {@code sketches}; 0 for none. */
    long estimate(List<byte[]> sketches);
}
