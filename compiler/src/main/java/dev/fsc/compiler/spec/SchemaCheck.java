package dev.fsc.compiler.spec;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.fsc.compiler.diag.Code;
import dev.fsc.compiler.diag.Diagnostic;
import dev.fsc.compiler.diag.DidYouMean;
import dev.fsc.compiler.yaml.YMap;
import dev.fsc.compiler.yaml.YNode;
import dev.fsc.compiler.yaml.YScalar;
import dev.fsc.compiler.yaml.YSeq;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a YAML document against the published JSON Schema of its kind and turns each violation
 * into a positioned diagnostic with a hint, instead of the validator's raw message.
 */
public final class SchemaCheck {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Schema schema;
    private final JsonNode schemaJson;

    private SchemaCheck(Schema schema, JsonNode schemaJson) {
        this.schema = schema;
        this.schemaJson = schemaJson;
    }

    /** The schema published as {@code schemas/<name>.schema.json}. */
    public static SchemaCheck forSchema(String name) {
        String resource = "/schemas/" + name + ".schema.json";
        try (InputStream in = SchemaCheck.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema missing from the build: " + resource);
            }
            JsonNode json = tools.jackson.databind.json.JsonMapper.builder().build()
                    .readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return new SchemaCheck(REGISTRY.getSchema(json), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Diagnostic> check(YNode document) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (Error error : schema.validate(toJson(document))) {
            toDiagnostic(error, document).ifPresent(diagnostics::add);
        }
        return diagnostics;
    }

    private Optional<Diagnostic> toDiagnostic(Error error, YNode document) {
        List<Object> path = new ArrayList<>();
        var location = error.getInstanceLocation();
        for (int i = 0; i < location.getNameCount(); i++) {
            path.add(location.getElement(i));
        }
        YNode node = nodeAt(document, path);
        String field = path.isEmpty() ? "document" : String.valueOf(path.get(path.size() - 1));
        String keyword = error.getKeyword();
        String schemaPath = error.getSchemaLocation() == null ? "" : error.getSchemaLocation().toString();
        return Optional.ofNullable(switch (keyword) {
            case "additionalProperties" -> unknownField(error, node);
            case "required" -> Diagnostic.error(Code.MISSING_FIELD, node.pos(),
                            "missing required field `" + error.getProperty() + "`" + where(path))
                    .withHint(propertyDescription(error)
                            .map(d -> "add `" + error.getProperty() + ":` — " + d)
                            .orElse("add `" + error.getProperty() + ":`"));
            case "type" -> Diagnostic.error(Code.WRONG_SHAPE, node.pos(),
                    "`" + field + "` must be " + expectedType(error.getSchemaNode()) + ", not " + node.describe());
            case "enum", "const" -> invalidChoice(error, node, field);
            case "pattern" -> patternMismatch(schemaPath, node, field);
            case "propertyNames" -> null; // reported by the nested "pattern" error on the key itself
            default -> Diagnostic.error(Code.INVALID_VALUE, node.pos(), "`" + field + "`: " + cleanMessage(error));
        });
    }

    private Diagnostic unknownField(Error error, YNode node) {
        String unknown = error.getProperty();
        YNode at = node instanceof YMap map
                ? map.entry(unknown).<YNode>map(YMap.Entry::key).orElse(node)
                : node;
        List<String> allowed = allowedProperties(error);
        Diagnostic d = Diagnostic.error(Code.UNKNOWN_FIELD, at.pos(), "unknown field `" + unknown + "`");
        Optional<String> suggestion = DidYouMean.hint(unknown, allowed);
        return d.withHint(suggestion.orElse(allowed.isEmpty() ? "remove it" : "allowed here: " + String.join(", ", allowed)));
    }

    private Diagnostic invalidChoice(Error error, YNode node, String field) {
        List<String> choices = new ArrayList<>();
        JsonNode allowed = error.getSchemaNode();
        if (allowed != null && allowed.isArray()) {
            allowed.forEach(v -> choices.add(v.asString()));
        } else if (allowed != null) {
            choices.add(allowed.asString());
        }
        String actual = node instanceof YScalar s ? s.value() : node.describe();
        return Diagnostic.error(Code.INVALID_VALUE, node.pos(),
                        "`" + actual + "` is not a valid `" + field + "`")
                .withHint(DidYouMean.hint(actual, choices).orElse("expected one of: " + String.join(", ", choices)));
    }

    private static Diagnostic patternMismatch(String schemaPath, YNode node, String field) {
        String actual = node instanceof YScalar s ? s.value() : node.describe();
        if (schemaPath.contains("$defs/duration")) {
            return Diagnostic.error(Code.INVALID_DURATION, node.pos(), "`" + actual + "` is not a duration")
                    .withHint("write <whole number><unit> with unit s, m, h or d, e.g. `90s`, `10m`, `7d`");
        }
        if (schemaPath.contains("$defs/name") || schemaPath.contains("propertyNames")) {
            return Diagnostic.error(Code.INVALID_NAME, node.pos(), "`" + actual + "` is not a valid name")
                    .withHint("names are lower_snake_case: start with a letter; letters, digits and `_`, e.g. `"
                            + suggestSnakeCase(actual) + "`");
        }
        if (field.equals("schedule")) {
            return Diagnostic.error(Code.INVALID_CRON, node.pos(), "`" + actual + "` is not a cron schedule")
                    .withHint("write 5 fields `minute hour day-of-month month day-of-week` in UTC, e.g. `0 5 * * *`");
        }
        if (field.equals("deadline")) {
            return Diagnostic.error(Code.INVALID_VALUE, node.pos(), "`" + actual + "` is not a time of day")
                    .withHint("write HH:MM in UTC, quoted, e.g. \"06:00\"");
        }
        if (field.equals("table")) {
            return Diagnostic.error(Code.INVALID_VALUE, node.pos(), "`" + actual + "` is not a table name")
                    .withHint("write <namespace>.<table> in lower_snake_case, e.g. `gold.ranking_training`");
        }
        if (field.equals("password")) {
            // the message does not repeat it: it may be a real password
            return Diagnostic.error(Code.INVALID_VALUE, node.pos(), "`password` must be a Kafka Connect config provider "
                            + "reference, not the password itself: it would be written into the generated connector config")
                    .withHint("write e.g. \"${file:/opt/kafka/secrets/db.properties:password}\" and configure that provider on "
                            + "the Connect workers (config.providers=file)");
        }
        if (schemaPath.contains("features")) {
            return Diagnostic.error(Code.INVALID_VALUE, node.pos(), "`" + actual + "` is not a feature reference")
                    .withHint("write `<view>.<feature>` or `<view>.*`, e.g. `user_order_stats.order_count_7d`");
        }
        return Diagnostic.error(Code.INVALID_VALUE, node.pos(), "`" + actual + "` is not a valid `" + field + "`");
    }

    static String suggestSnakeCase(String name) {
        String snake = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("[^A-Za-z0-9]+", "_").toLowerCase();
        snake = snake.replaceAll("^[^a-z]+", "").replaceAll("_+$", "");
        return snake.isEmpty() ? "my_name" : snake;
    }

    private static String where(List<Object> path) {
        if (path.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(" in `");
        for (int i = 0; i < path.size(); i++) {
            Object element = path.get(i);
            if (element instanceof Integer index) {
                out.append('[').append(index).append(']');
            } else {
                out.append(i == 0 ? "" : ".").append(element);
            }
        }
        return out.append('`').toString();
    }

    private static String expectedType(JsonNode typeNode) {
        List<String> types = new ArrayList<>();
        if (typeNode != null && typeNode.isArray()) {
            typeNode.forEach(t -> types.add(t.asString()));
        } else if (typeNode != null) {
            types.add(typeNode.asString());
        }
        return String.join(" or ", types.stream().map(SchemaCheck::article).toList());
    }

    private static String article(String jsonType) {
        return switch (jsonType) {
            case "object" -> "a mapping";
            case "array" -> "a list";
            case "string" -> "a string";
            case "integer" -> "an integer";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            default -> jsonType;
        };
    }

    private static String cleanMessage(Error error) {
        String message = error.getMessage();
        int colon = message.indexOf(": ");
        return colon >= 0 && message.startsWith("$") ? message.substring(colon + 2) : message;
    }

    /** The property names the schema allows at the place of an additionalProperties error. */
    private List<String> allowedProperties(Error error) {
        JsonNode properties = keywordParent(error).path("properties");
        if (!properties.isObject()) {
            return List.of();
        }
        return StreamSupport.stream(properties.propertyNames().spliterator(), false).toList();
    }

    private Optional<String> propertyDescription(Error error) {
        JsonNode description = keywordParent(error).path("properties").path(error.getProperty()).path("description");
        if (!description.isString()) {
            return Optional.empty();
        }
        String text = description.asString();
        int sentenceEnd = text.indexOf(". ");
        return Optional.of(sentenceEnd > 0 ? text.substring(0, sentenceEnd + 1) : text);
    }

    /** The schema object holding the failed keyword, found by the JSON pointer of the error's schema location. */
    private JsonNode keywordParent(Error error) {
        String location = error.getSchemaLocation() == null ? "" : error.getSchemaLocation().toString();
        int hash = location.indexOf('#');
        if (hash < 0) {
            return schemaJson;
        }
        String pointer = location.substring(hash + 1);
        int lastSlash = pointer.lastIndexOf('/');
        return lastSlash <= 0 ? schemaJson : schemaJson.at(pointer.substring(0, lastSlash));
    }

    private static YNode nodeAt(YNode root, List<Object> path) {
        YNode node = root;
        for (Object element : path) {
            if (element instanceof Integer index && node instanceof YSeq seq && index < seq.items().size()) {
                node = seq.items().get(index);
            } else if (node instanceof YMap map && map.get(String.valueOf(element)).isPresent()) {
                node = map.get(String.valueOf(element)).orElseThrow();
            } else {
                return node;
            }
        }
        return node;
    }

    static JsonNode toJson(YNode node) {
        if (node instanceof YMap map) {
            ObjectNode object = JSON.objectNode();
            map.entries().forEach(e -> object.set(e.key().value(), toJson(e.value())));
            return object;
        }
        if (node instanceof YSeq seq) {
            ArrayNode array = JSON.arrayNode();
            seq.items().forEach(item -> array.add(toJson(item)));
            return array;
        }
        YScalar scalar = (YScalar) node;
        return switch (scalar.type()) {
            case NULL -> JSON.nullNode();
            case BOOLEAN -> JSON.booleanNode(Boolean.parseBoolean(scalar.value().toLowerCase()));
            case INTEGER -> integer(scalar.value());
            case FLOAT -> floating(scalar.value());
            case STRING -> JSON.stringNode(scalar.value());
        };
    }

    private static JsonNode integer(String text) {
        try {
            return JSON.numberNode(new BigInteger(text.replace("_", "").replace("+", "")));
        } catch (NumberFormatException e) { // 0x1F, 0o17: rare in specs, keep the text
            return JSON.stringNode(text);
        }
    }

    private static JsonNode floating(String text) {
        try {
            return JSON.numberNode(new java.math.BigDecimal(text));
        } catch (NumberFormatException e) { // .inf, .nan
            return JSON.stringNode(text);
        }
    }
}
