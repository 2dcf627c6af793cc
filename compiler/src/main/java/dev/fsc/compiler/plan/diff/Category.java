package dev.fsc.compiler.plan.diff;

/**
 * How a change affects data, most severe first. BREAKING: values change (or readers lose something);
 * NON_BREAKING: additive, existing values stay; METADATA: documentation only; INDIRECT: the node itself
 * is unchanged but something upstream changed its values.
 */
public enum Category {
    BREAKING, NON_BREAKING, INDIRECT, METADATA;

    public String label() {
        return name().toLowerCase().replace('_', '-');
    }
}
