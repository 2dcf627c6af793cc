package dev.fsc.compiler.plan.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.compiler.CompileResult;
import dev.fsc.compiler.TestProject;
import dev.fsc.compiler.plan.ModelToPlan;
import dev.fsc.compiler.plan.Plan;
import dev.fsc.compiler.plan.PlanJson;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Classification and consequences of plan changes, on small projects. */
class PlanDifferTest {
    private static final String VIEW = """
            kind: feature_view
            name: user_stats
            description: Orders per user.
            entity: user
            source: orders
            online: true
            features:
              - name: spend
                expr: amount
                agg: sum
                windows: [1h]
            """;
    private static final String DATASET = """
            kind: dataset
            name: training
            spine: { source: orders, timestamp: ts, keys: { user: user_id } }
            features: [user_stats.*]
            """;

    @TempDir
    Path dir;
    private int projects;

    private Plan plan(String view) {
        return plan(view, DATASET);
    }

    private Plan plan(String view, String dataset) {
        CompileResult result = TestProject.withBasics(dir.resolve("p" + projects++)).file("features/v.yaml", view)
                .file("datasets/d.yaml", dataset).compile();
        assertEquals(List.of(), result.diagnostics());
        return new ModelToPlan().plan(result.model().orElseThrow());
    }

    private static Map<String, String> classes(PlanDiff diff) {
        return diff.changes().stream().collect(Collectors.toMap(c -> c.type().symbol() + " " + c.id(), c -> c.category().label()));
    }

    @Test
    void samePlanHasNoChanges() {
        PlanDiff diff = new PlanDiffer().diff(plan(VIEW), plan(VIEW), "base");
        assertFalse(diff.hasChanges());
    }

    @Test
    void descriptionEditIsMetadataOnly() {
        PlanDiff diff = new PlanDiffer().diff(plan(VIEW), plan(VIEW.replace("Orders per user.", "Spend per user.")), "base");
        assertEquals(Map.of("~ view:user_stats", "metadata"), classes(diff));
        assertTrue(diff.changes().get(0).consequences().isEmpty());
    }

    @Test
    void expressionChangeBreaksTheViewAndReachesTheDatasetIndirectly() {
        PlanDiff diff = new PlanDiffer().diff(plan(VIEW), plan(VIEW.replace("expr: amount", "expr: amount * 2")), "base");
        assertEquals(Map.of("~ tiles:user_stats:1m", "breaking", "~ view:user_stats", "breaking",
                "~ dataset:training", "indirect"), classes(diff));
        NodeChange dataset = diff.changes().stream().filter(c -> c.id().toString().equals("dataset:training")).findFirst().orElseThrow();
        assertEquals("[view:user_stats]", dataset.causes().toString());
        List<Consequence.Kind> kinds = diff.changes().stream().flatMap(c -> c.consequences().stream()).map(Consequence::kind).toList();
        assertTrue(kinds.containsAll(List.of(Consequence.Kind.BACKFILL, Consequence.Kind.STREAMING_RESTART,
                Consequence.Kind.ONLINE_KEYS, Consequence.Kind.DATASET_VERSION)), kinds.toString());
        assertTrue(diff.hasBreakingChanges());
    }

    @Test
    void newFeatureIsNonBreaking() {
        String more = VIEW + """
                  - name: orders
                    agg: count
                    windows: [1h]
                """;
        PlanDiff diff = new PlanDiffer().diff(plan(VIEW), plan(more), "base");
        assertEquals("non-breaking", classes(diff).get("~ view:user_stats"));
        assertEquals("non-breaking", classes(diff).get("~ tiles:user_stats:1m"));
        assertEquals("non-breaking", classes(diff).get("~ dataset:training"));
        assertFalse(diff.hasBreakingChanges());
    }

    @Test
    void addedAndRemovedNodes() {
        Plan withView = plan(VIEW);
        Plan withRenamedView = plan(VIEW.replace("name: user_stats", "name: user_spend"), DATASET.replace("user_stats", "user_spend"));
        Map<String, String> classes = classes(new PlanDiffer().diff(withView, withRenamedView, "base"));
        assertEquals("breaking", classes.get("- view:user_stats"));
        assertEquals("non-breaking", classes.get("+ view:user_spend"));
    }

    @Test
    void renderersAgreeOnTheSummary() {
        PlanDiff diff = new PlanDiffer().diff(plan(VIEW), plan(VIEW.replace("expr: amount", "expr: amount * 2")), "git HEAD");
        String human = new HumanDiffRenderer(false).render(diff);
        assertTrue(human.contains("~ view:user_stats  breaking"), human);
        assertTrue(human.contains("Plan: 0 to add, 3 to change, 0 to remove; 2 breaking"), human);
        assertFalse(human.contains("\u001b["), "no colour unless asked");
        assertTrue(new HumanDiffRenderer(true).render(diff).contains("\u001b[33m~\u001b[0m"));
        String markdown = new MarkdownDiffRenderer().render(diff);
        assertTrue(markdown.contains("```mermaid") && markdown.contains("view_user_stats --> dataset_training"), markdown);
        String json = new JsonDiffRenderer().render(diff);
        assertTrue(json.contains("\"has_breaking_changes\" : true"), json);
    }

    @Test
    void planJsonRoundTripsForStateDocuments() {
        Plan plan = plan(VIEW);
        assertEquals(plan, PlanJson.read(PlanJson.write(plan, "test")));
    }
}
