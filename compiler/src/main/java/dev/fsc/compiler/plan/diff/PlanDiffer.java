package dev.fsc.compiler.plan.diff;

import dev.fsc.compiler.plan.NodeId;
import dev.fsc.compiler.plan.Plan;
import dev.fsc.compiler.plan.PlanNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;

/** Compares two plans node by node: what changed, how it is classified, what caused it, what it implies. */
public final class PlanDiffer {

    public PlanDiff diff(Plan base, Plan head, String baseLabel) {
        Set<NodeId> ids = new LinkedHashSet<>();
        head.nodes().forEach(n -> ids.add(n.id()));
        base.nodes().forEach(n -> ids.add(n.id()));
        List<NodeChange> changes = new ArrayList<>();
        for (NodeId id : ids) {
            change(id, base.node(id), head.node(id), base, head).ifPresent(changes::add);
        }
        return new PlanDiff(head.project(), baseLabel, base.planHash(), head.planHash(), changes);
    }

    private Optional<NodeChange> change(NodeId id, Optional<PlanNode> before, Optional<PlanNode> after, Plan base, Plan head) {
        if (before.isEmpty() || after.isEmpty()) {
            ChangeType type = before.isEmpty() ? ChangeType.ADD : ChangeType.REMOVE;
            Category category = type == ChangeType.ADD ? Category.NON_BREAKING : Category.BREAKING;
            PlanNode node = after.or(() -> before).orElseThrow();
            List<PropertyChange> definition = type == ChangeType.ADD
                    ? compare(Map.of(), node.definition()) : compare(node.definition(), Map.of());
            return Optional.of(new NodeChange(id, type, category, definition, List.of(), List.of(),
                    ConsequenceRules.of(id, type, category, before, after, head, base)));
        }
        List<PropertyChange> definition = compare(before.get().definition(), after.get().definition());
        List<PropertyChange> metadata = compare(before.get().metadata(), after.get().metadata());
        boolean upstreamChanged = !before.get().fingerprint().equals(after.get().fingerprint()) && definition.isEmpty();
        if (definition.isEmpty() && metadata.isEmpty() && !upstreamChanged) {
            return Optional.empty();
        }
        Category category = !definition.isEmpty() ? ChangeClassifier.classify(id.kind(), definition)
                : upstreamChanged ? Category.INDIRECT : Category.METADATA;
        List<NodeId> causes = after.get().inputs().stream()
                .filter(input -> !base.node(input).map(PlanNode::fingerprint)
                        .equals(head.node(input).map(PlanNode::fingerprint)))
                .toList();
        return Optional.of(new NodeChange(id, ChangeType.MODIFY, category, definition, metadata,
                category == Category.INDIRECT ? causes : List.of(),
                ConsequenceRules.of(id, ChangeType.MODIFY, category, before, after, head, base)));
    }

    private static List<PropertyChange> compare(Map<String, String> before, Map<String, String> after) {
        if (before.equals(after)) {
            return List.of(); // most nodes of a diff are unchanged: no need to merge and walk their keys
        }
        SortedMap<String, String> all = new java.util.TreeMap<>(before);
        all.putAll(after);
        List<PropertyChange> changes = new ArrayList<>();
        for (String key : new TreeSet<>(all.keySet())) {
            Optional<String> was = Optional.ofNullable(before.get(key));
            Optional<String> is = Optional.ofNullable(after.get(key));
            if (!was.equals(is)) {
                changes.add(new PropertyChange(key, was, is));
            }
        }
        return changes;
    }
}
