package dev.fsc.compiler.plan;

import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The part of an input that a consumer's values depend on, hashed. A silver table contributes its
 * row rules (dedup, lateness) and only the columns the consumer reads (their types and PII mode);
 * a view contributes only the features a dataset selects and the tiles behind them. So adding a
 * column nobody reads, changing retention, or turning serving on does not version what is downstream.
 */
final class InputRelevance {
    private InputRelevance() {
    }

    static String hash(PlanNode input, Set<String> reads, Map<NodeId, PlanNode> planned) {
        if (reads.isEmpty()) {
            return input.fingerprint();
        }
        return switch (input.kind()) {
            case SILVER -> Hashes.of(silverPart(input, reads, planned));
            case FEATURE_VIEW -> Hashes.of(viewPart(input, reads, planned));
            default -> input.fingerprint();
        };
    }

    private static SortedMap<String, String> silverPart(PlanNode silver, Set<String> reads, Map<NodeId, PlanNode> planned) {
        SortedMap<String, String> part = new TreeMap<>();
        silver.definition().forEach((key, value) -> {
            boolean rowRule = key.startsWith("dedup.") || key.equals("lateness");
            boolean readColumn = key.startsWith("pii.") && reads.contains(key.substring("pii.".length()));
            if (rowRule || readColumn) {
                part.put(key, value);
            }
        });
        for (NodeId sourceId : silver.inputs()) {
            planned.get(sourceId).definition().forEach((key, value) -> {
                boolean readColumn = key.startsWith("column.") && reads.contains(key.substring("column.".length()));
                if (readColumn || key.equals("event_time") || key.equals("primary_key") || key.equals("type")
                        || key.startsWith("location.")) {
                    part.put("source." + key, value);
                }
            });
        }
        return part;
    }

    private static SortedMap<String, String> viewPart(PlanNode view, Set<String> reads, Map<NodeId, PlanNode> planned) {
        SortedMap<String, String> part = new TreeMap<>();
        view.definition().forEach((key, value) -> {
            boolean selected = key.startsWith("feature.") && reads.contains(key.substring("feature.".length()));
            if (selected || key.startsWith("entity") || key.equals("ttl")) {
                part.put(key, value);
            }
        });
        // the tiles a selected feature is computed from: "... tiles 1h -> TYPE" names tiles:<view>:1h
        for (NodeId tiles : view.inputs()) {
            String size = tiles.name().substring(tiles.name().lastIndexOf(':') + 1);
            boolean used = part.entrySet().stream().anyMatch(e -> e.getKey().startsWith("feature.")
                    && e.getValue().contains(" tiles " + size + " -> "));
            if (used) {
                part.put("tiles." + size, planned.get(tiles).fingerprint());
            }
        }
        return part;
    }
}
