package dev.fsc.compiler.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The logical plan of a project: nodes in dependency order (inputs first, then by id), and a hash of
 * the whole plan that names a deployable version. An immutable value like the records the other phases pass; a
 * class only so it can keep its nodes indexed by id and by the inputs they read (a diff of 10,000 specs
 * looks nodes up a few hundred thousand times, and asks who reads each changed node: a scan of the list for
 * either made the diff quadratic).
 */
public final class Plan {
    private final String project;
    private final List<PlanNode> nodes;
    private final String planHash;
    private final Map<NodeId, PlanNode> byId;
    private final Map<NodeId, List<PlanNode>> usersById;

    public Plan(String project, List<PlanNode> nodes, String planHash) {
        this.project = Objects.requireNonNull(project);
        this.nodes = List.copyOf(nodes);
        this.planHash = Objects.requireNonNull(planHash);
        Map<NodeId, PlanNode> index = new LinkedHashMap<>();
        for (PlanNode node : this.nodes) {
            index.putIfAbsent(node.id(), node);
        }
        this.byId = index;
        Map<NodeId, List<PlanNode>> users = new HashMap<>();
        for (PlanNode node : this.nodes) {
            node.inputs().stream().distinct().forEach(input -> users.computeIfAbsent(input, k -> new ArrayList<>()).add(node));
        }
        users.replaceAll((input, readers) -> List.copyOf(readers));
        this.usersById = users;
    }

    public String project() {
        return project;
    }

    public List<PlanNode> nodes() {
        return nodes;
    }

    public String planHash() {
        return planHash;
    }

    public Optional<PlanNode> node(NodeId id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The nodes that read {@code id} directly, in plan order. */
    public List<PlanNode> users(NodeId id) {
        return usersById.getOrDefault(id, List.of());
    }

    public List<PlanNode> nodesOf(NodeKind kind) {
        return nodes.stream().filter(n -> n.kind() == kind).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Plan other && project.equals(other.project) && nodes.equals(other.nodes) && planHash.equals(other.planHash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(project, nodes, planHash);
    }

    @Override
    public String toString() {
        return "Plan[project=" + project + ", nodes=" + nodes.size() + ", planHash=" + planHash + "]";
    }
}
