package dev.fsc.compiler.plan.diff;

/**
 * What a change means operationally: a table to backfill and over what range, a streaming job to
 * restart (and whether its state survives), online keys that move, a dataset that gets a new version.
 */
public record Consequence(Kind kind, String target, String detail) {
    public enum Kind { BACKFILL, STREAMING_RESTART, ONLINE_KEYS, DATASET_VERSION }
}
