package dev.fsc.flink.functions;

/** State of {@code FSC_HLL}/{@code FSC_HLL_MERGE}: the sketch's updatable bytes (NULL = nothing yet). */
public final class HllAccumulator {
    public byte[] sketch;
}
