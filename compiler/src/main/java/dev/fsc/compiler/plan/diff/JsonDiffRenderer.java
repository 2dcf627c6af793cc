package dev.fsc.compiler.plan.diff;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a plan diff as JSON for tools. The schema is stable (documented in docs/plan-diff.md):
 * fields are only ever added.
 */
public final class JsonDiffRenderer {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    public String render(PlanDiff diff) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format_version", 1);
        root.put("project", diff.project());
        root.put("base", diff.baseLabel());
        root.put("base_plan_hash", diff.baseHash());
        root.put("head_plan_hash", diff.headHash());
        root.put("has_changes", diff.hasChanges());
        root.put("has_breaking_changes", diff.hasBreakingChanges());
        ArrayNode changes = root.putArray("changes");
        for (NodeChange change : diff.changes()) {
            ObjectNode item = changes.addObject();
            item.put("node", change.id().toString());
            item.put("kind", change.id().kind().prefix());
            item.put("change", change.type().name().toLowerCase());
            item.put("category", change.category().name().toLowerCase());
            properties(item.putArray("definition_changes"), change.definitionChanges());
            properties(item.putArray("metadata_changes"), change.metadataChanges());
            ArrayNode causes = item.putArray("caused_by");
            change.causes().forEach(c -> causes.add(c.toString()));
            ArrayNode consequences = item.putArray("consequences");
            change.consequences().forEach(c -> consequences.addObject().put("kind", c.kind().name().toLowerCase())
                    .put("target", c.target()).put("detail", c.detail()));
        }
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    private static void properties(ArrayNode array, java.util.List<PropertyChange> changes) {
        for (PropertyChange p : changes) {
            ObjectNode item = array.addObject();
            item.put("key", p.key());
            p.before().ifPresentOrElse(v -> item.put("before", v), () -> item.putNull("before"));
            p.after().ifPresentOrElse(v -> item.put("after", v), () -> item.putNull("after"));
        }
    }
}
