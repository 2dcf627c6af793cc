package dev.fsc.compiler.plan;

import java.util.List;
import java.util.Optional;

/**
 * The logical plan of a project: nodes in dependency order (inputs first, then by id), and a hash of
 * the whole plan that names a deployable version.
 */
public record Plan(String project, List<PlanNode> nodes, String planHash) {
    public Plan {
        nodes = List.copyOf(nodes);
    }

    public Optional<PlanNode> node(NodeId id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    public List<PlanNode> nodesOf(NodeKind kind) {
        return nodes.stream().filter(n -> n.kind() == kind).toList();
    }
}
