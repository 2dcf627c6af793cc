package dev.fsc.compiler.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The plan's indexes answer what a scan of its nodes would. */
class PlanTest {
    private static final NodeId SILVER = new NodeId(NodeKind.SILVER, "orders");
    private static final NodeId TILES = new NodeId(NodeKind.TILES, "user_stats:1h");
    private static final NodeId VIEW = new NodeId(NodeKind.FEATURE_VIEW, "user_stats");
    private static final NodeId DATASET = new NodeId(NodeKind.DATASET, "training");

    private static PlanNode node(NodeId id, NodeId... inputs) {
        return new PlanNode(id, List.of(inputs), new TreeMap<>(Map.of("k", "v")), new TreeMap<>(), "d", "m", "f");
    }

    private final Plan plan = new Plan("p", List.of(node(SILVER), node(TILES, SILVER), node(VIEW, TILES),
            node(DATASET, SILVER, VIEW, SILVER)), "h");

    @Test
    void findsNodesById() {
        assertEquals(Optional.of(VIEW), plan.node(VIEW).map(PlanNode::id));
        assertEquals(Optional.empty(), plan.node(new NodeId(NodeKind.FEATURE_VIEW, "missing")));
    }

    @Test
    void usersAreTheNodesReadingAnInputOnceEachInPlanOrder() {
        assertEquals(List.of(TILES, DATASET), plan.users(SILVER).stream().map(PlanNode::id).toList());
        assertEquals(List.of(DATASET), plan.users(VIEW).stream().map(PlanNode::id).toList());
        assertEquals(List.of(), plan.users(DATASET));
    }
}
