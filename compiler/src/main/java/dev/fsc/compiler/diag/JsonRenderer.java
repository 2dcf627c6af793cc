package dev.fsc.compiler.diag;

import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders diagnostics as one JSON document for editors and CI tools (stable field names). */
public final class JsonRenderer {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private final HumanRenderer paths;

    public JsonRenderer(Path base) {
        this.paths = new HumanRenderer(base);
    }

    public String render(List<Diagnostic> diagnostics) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode items = root.putArray("diagnostics");
        long errors = 0;
        for (Diagnostic d : diagnostics) {
            ObjectNode item = items.addObject();
            item.put("file", paths.displayPath(d.pos().file()));
            item.put("line", d.pos().line());
            item.put("column", d.pos().column());
            item.put("length", d.pos().length());
            item.put("severity", d.severity().label());
            item.put("code", d.code().id());
            item.put("message", d.message());
            d.hint().ifPresent(h -> item.put("hint", h));
            errors += d.isError() ? 1 : 0;
        }
        root.put("errors", errors);
        root.put("warnings", diagnostics.size() - errors);
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }
}
