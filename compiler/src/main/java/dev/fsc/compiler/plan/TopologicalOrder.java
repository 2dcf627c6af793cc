package dev.fsc.compiler.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/** Kahn's algorithm with a sorted ready set: inputs before their users, ties broken by id, so the order is deterministic. */
final class TopologicalOrder {
    private TopologicalOrder() {
    }

    static List<NodeId> of(Collection<NodeId> nodes, Function<NodeId, List<NodeId>> inputsOf) {
        Map<NodeId, Integer> waitingOn = new HashMap<>();
        Map<NodeId, List<NodeId>> users = new HashMap<>();
        for (NodeId node : nodes) {
            List<NodeId> inputs = inputsOf.apply(node).stream().filter(nodes::contains).toList();
            waitingOn.put(node, inputs.size());
            inputs.forEach(input -> users.computeIfAbsent(input, k -> new ArrayList<>()).add(node));
        }
        TreeSet<NodeId> ready = new TreeSet<>();
        waitingOn.forEach((node, count) -> {
            if (count == 0) {
                ready.add(node);
            }
        });
        List<NodeId> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            NodeId next = ready.pollFirst();
            order.add(next);
            for (NodeId user : users.getOrDefault(next, List.of())) {
                if (waitingOn.merge(user, -1, Integer::sum) == 0) {
                    ready.add(user);
                }
            }
        }
        if (order.size() != nodes.size()) {
            throw new IllegalStateException("plan has a cycle; the resolver should have reported it");
        }
        return order;
    }
}
