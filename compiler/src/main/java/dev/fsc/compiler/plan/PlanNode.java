package dev.fsc.compiler.plan;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One node of the plan. {@code definition} holds everything that changes the node's output (canonical
 * SQL, keys, windows, types); {@code metadata} what does not (descriptions, owners, warn thresholds).
 * {@code fingerprint} covers the definition and every input's fingerprint: it is the node's version.
 */
public record PlanNode(NodeId id, List<NodeId> inputs, SortedMap<String, String> definition,
                       SortedMap<String, String> metadata, String dataHash, String metadataHash, String fingerprint) {
    public PlanNode {
        inputs = List.copyOf(inputs);
        definition = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(definition));
        metadata = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(metadata));
    }

    public NodeKind kind() {
        return id.kind();
    }
}
