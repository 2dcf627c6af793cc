package dev.fsc.compiler.plan;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes a plan as stable, reviewable JSON (no timestamps, nodes in plan order, maps sorted). */
public final class PlanJson {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private PlanJson() {
    }

    /** Reads a plan written by {@link #write}; the inverse used for deployed-state documents. */
    public static Plan read(String json) {
        tools.jackson.databind.JsonNode root = MAPPER.readTree(json);
        java.util.List<PlanNode> nodes = new java.util.ArrayList<>();
        for (tools.jackson.databind.JsonNode node : root.path("nodes")) {
            java.util.List<NodeId> inputs = new java.util.ArrayList<>();
            node.path("inputs").forEach(i -> inputs.add(parseId(i.asString())));
            nodes.add(new PlanNode(parseId(node.path("id").asString()), inputs, map(node.path("definition")),
                    map(node.path("metadata")), node.path("data_hash").asString(), node.path("metadata_hash").asString(),
                    node.path("fingerprint").asString()));
        }
        return new Plan(root.path("project").asString(), nodes, root.path("plan_hash").asString());
    }

    private static NodeId parseId(String text) {
        int colon = text.indexOf(':');
        String prefix = text.substring(0, colon);
        NodeKind kind = java.util.Arrays.stream(NodeKind.values()).filter(k -> k.prefix().equals(prefix)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown plan node kind `" + prefix + "`"));
        return new NodeId(kind, text.substring(colon + 1));
    }

    private static java.util.SortedMap<String, String> map(tools.jackson.databind.JsonNode object) {
        java.util.SortedMap<String, String> map = new java.util.TreeMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asString()));
        return map;
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
