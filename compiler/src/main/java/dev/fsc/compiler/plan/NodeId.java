package dev.fsc.compiler.plan;

/** A plan node's stable identity, e.g. {@code tiles:user_order_stats:1h}; it survives edits, unlike fingerprints. */
public record NodeId(NodeKind kind, String name) implements Comparable<NodeId> {
    @Override
    public String toString() {
        return kind.prefix() + ":" + name;
    }

    @Override
    public int compareTo(NodeId other) {
        int byKind = kind.compareTo(other.kind);
        return byKind != 0 ? byKind : name.compareTo(other.name);
    }
}
