package dev.fsc.compiler.plan.diff;

import dev.fsc.compiler.plan.NodeId;
import java.util.List;

/** The change of one plan node, its classification, what caused it (for indirect changes) and its consequences. */
public record NodeChange(NodeId id, ChangeType type, Category category, List<PropertyChange> definitionChanges,
                         List<PropertyChange> metadataChanges, List<NodeId> causes, List<Consequence> consequences) {
    public NodeChange {
        definitionChanges = List.copyOf(definitionChanges);
        metadataChanges = List.copyOf(metadataChanges);
        causes = List.copyOf(causes);
        consequences = List.copyOf(consequences);
    }
}
