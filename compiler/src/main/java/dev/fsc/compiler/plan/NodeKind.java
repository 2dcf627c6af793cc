package dev.fsc.compiler.plan;

/**
 * The kinds of plan node, each with a version: bump it when what the kind's definition means changes,
 * so saved plans from older fsc versions are recognised as different.
 */
public enum NodeKind {
    /** Raw records as received (bronze). */
    SOURCE("source", 1),
    /** Typed, deduplicated, late-routed, PII-protected records (silver). */
    SILVER("silver", 1),
    /** The error-severity quality checks that block publication of a source's day. */
    QUALITY_GATE("gate", 1),
    /** Partial aggregates per (entity key, tile start) of one view at one tile size (gold). */
    TILES("tiles", 1),
    /** The features of a view: windows merged from tiles, served online and offline. */
    FEATURE_VIEW("view", 1),
    /** A point-in-time correct training table (gold). */
    DATASET("dataset", 1);

    private final String prefix;
    private final int version;

    NodeKind(String prefix, int version) {
        this.prefix = prefix;
        this.version = version;
    }

    public String prefix() {
        return prefix;
    }

    public int version() {
        return version;
    }
}
