package dev.fsc.compiler.plan;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes a plan as stable, reviewable JSON (no timestamps, nodes in plan order, maps sorted). */
public final class PlanJson {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private PlanJson() {
    }

    public static String write(Plan plan, String fscVersion) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format_version", 1);
        root.put("generated_by", "fsc " + fscVersion);
        root.put("project", plan.project());
        root.put("plan_hash", plan.planHash());
        ArrayNode nodes = root.putArray("nodes");
        for (PlanNode node : plan.nodes()) {
            ObjectNode out = nodes.addObject();
            out.put("id", node.id().toString());
            out.put("kind", node.kind().prefix());
            out.put("kind_version", node.kind().version());
            out.put("fingerprint", node.fingerprint());
            out.put("data_hash", node.dataHash());
            out.put("metadata_hash", node.metadataHash());
            ArrayNode inputs = out.putArray("inputs");
            node.inputs().forEach(i -> inputs.add(i.toString()));
            ObjectNode definition = out.putObject("definition");
            node.definition().forEach(definition::put);
            ObjectNode metadata = out.putObject("metadata");
            node.metadata().forEach(metadata::put);
        }
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }
}
