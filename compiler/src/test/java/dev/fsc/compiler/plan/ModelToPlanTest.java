package dev.fsc.compiler.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.compiler.CompileResult;
import dev.fsc.compiler.TestProject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fingerprints change exactly when what a node computes changes. */
class ModelToPlanTest {
    private static final String VIEW = """
            kind: feature_view
            name: user_stats
            description: Orders per user.
            entity: user
            source: orders
            filter: "status <> 'cancelled' AND amount > 0"
            features:
              - name: spend
                expr: amount
                agg: sum
                windows: [1h, 7d]
              - name: orders
                agg: count
                windows: [1h]
            """;
    private static final String OTHER_VIEW = """
            kind: feature_view
            name: user_qty
            entity: user
            source: orders
            features:
              - name: qty
                expr: qty
                agg: max
                windows: [1d]
            """;

    @TempDir
    Path dir;

    private Plan plan(String name, String view, String otherView) {
        CompileResult result = TestProject.withBasics(dir.resolve(name)).file("features/a.yaml", view)
                .file("features/b.yaml", otherView).compile();
        assertEquals(List.of(), result.diagnostics());
        return new ModelToPlan().plan(result.model().orElseThrow());
    }

    private static Map<String, String> fingerprints(Plan plan) {
        return plan.nodes().stream().collect(Collectors.toMap(n -> n.id().toString(), PlanNode::fingerprint));
    }

    @Test
    void nodesCoverSourcesSilverTilesViewsInDependencyOrder() {
        Plan plan = plan("p", VIEW, OTHER_VIEW);
        List<String> ids = plan.nodes().stream().map(n -> n.id().toString()).toList();
        assertTrue(ids.containsAll(List.of("source:orders", "silver:orders", "tiles:user_stats:1m", "tiles:user_stats:1h",
                "view:user_stats", "tiles:user_qty:1m", "view:user_qty")), ids.toString());
        for (PlanNode node : plan.nodes()) {
            node.inputs().forEach(input -> assertTrue(ids.indexOf(input.toString()) < ids.indexOf(node.id().toString()),
                    input + " must come before " + node.id()));
        }
        PlanNode tiles = plan.node(new NodeId(NodeKind.TILES, "user_stats:1h")).orElseThrow();
        assertEquals(List.of(new NodeId(NodeKind.SILVER, "orders")), tiles.inputs());
        assertEquals("status <> 'cancelled' AND amount > 0", tiles.definition().get("filter"));
        assertTrue(tiles.definition().containsKey("state.sum(amount)"), tiles.definition().toString());
    }

    @Test
    void reformattedAndReorderedSpecsGiveTheSamePlan() {
        String reformatted = """
                kind: feature_view
                entity: user
                name: user_stats
                source: orders
                description: Orders per user.
                filter: >
                  status   <>  'cancelled'
                  and   amount>0
                features:
                  - name: orders
                    agg: count
                    windows: [1h]
                  - expr: "amount"
                    name: spend
                    windows: [7d, 1h]
                    agg: sum
                """;
        assertEquals(plan("a", VIEW, OTHER_VIEW).planHash(), plan("b", reformatted, OTHER_VIEW).planHash());
    }

    @Test
    void aDescriptionEditChangesMetadataOnly() {
        Plan before = plan("a", VIEW, OTHER_VIEW);
        Plan after = plan("b", VIEW.replace("Orders per user.", "Spend and order counts per user."), OTHER_VIEW);
        assertEquals(fingerprints(before), fingerprints(after));
        assertNotEquals(before.planHash(), after.planHash());
        assertNotEquals(before.node(new NodeId(NodeKind.FEATURE_VIEW, "user_stats")).orElseThrow().metadataHash(),
                after.node(new NodeId(NodeKind.FEATURE_VIEW, "user_stats")).orElseThrow().metadataHash());
    }

    @Test
    void anExpressionEditChangesThatViewsNodesAndNothingElse() {
        Map<String, String> before = fingerprints(plan("a", VIEW, OTHER_VIEW));
        Map<String, String> after = fingerprints(plan("b", VIEW.replace("expr: amount", "expr: amount * 2"), OTHER_VIEW));
        List<String> changed = before.keySet().stream().filter(id -> !before.get(id).equals(after.get(id))).sorted().toList();
        assertEquals(List.of("tiles:user_stats:1h", "tiles:user_stats:1m", "view:user_stats"), changed);
    }

    @Test
    void aSourceColumnTypeChangeReachesOnlyWhatReadsTheColumn() {
        Map<String, String> before = fingerprints(plan("a", VIEW, OTHER_VIEW));
        Path other = dir.resolve("c");
        CompileResult result = TestProject.withBasics(other).file("features/a.yaml", VIEW).file("features/b.yaml", OTHER_VIEW)
                .file("sources/orders.yaml", TestProject.ORDERS.replace("qty: INTEGER", "qty: BIGINT")).compile();
        Map<String, String> after = fingerprints(new ModelToPlan().plan(result.model().orElseThrow()));
        List<String> changed = before.keySet().stream().filter(id -> !before.get(id).equals(after.get(id))).sorted().toList();
        // user_qty reads qty; user_stats reads amount and status only
        assertEquals(List.of("silver:orders", "source:orders", "tiles:user_qty:1m", "view:user_qty"), changed);
    }

    @Test
    void aRetentionChangeVersionsSilverOnly() {
        Map<String, String> before = fingerprints(plan("a", VIEW, OTHER_VIEW));
        Path other = dir.resolve("d");
        CompileResult result = TestProject.withBasics(other).file("features/a.yaml", VIEW).file("features/b.yaml", OTHER_VIEW)
                .file("sources/orders.yaml", TestProject.ORDERS + "retention: 400d\n").compile();
        assertEquals(List.of(), result.diagnostics());
        Map<String, String> after = fingerprints(new ModelToPlan().plan(result.model().orElseThrow()));
        List<String> changed = before.keySet().stream().filter(id -> !before.get(id).equals(after.get(id))).sorted().toList();
        assertEquals(List.of("silver:orders"), changed);
    }

    @Test
    void planningTwiceGivesByteIdenticalJson() {
        assertEquals(PlanJson.write(plan("a", VIEW, OTHER_VIEW), "test"), PlanJson.write(plan("b", VIEW, OTHER_VIEW), "test"));
    }
}
