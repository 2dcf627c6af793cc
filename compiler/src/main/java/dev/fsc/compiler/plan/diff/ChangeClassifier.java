package dev.fsc.compiler.plan.diff;

import dev.fsc.compiler.plan.NodeKind;
import java.util.List;

/**
 * Classifies a node's definition changes: additive entries (a new column nobody reads, a new feature,
 * a new aggregate state) are NON_BREAKING; anything that changes existing values, or removes what
 * readers use, is BREAKING. The node takes its most severe change.
 */
final class ChangeClassifier {
    private ChangeClassifier() {
    }

    static Category classify(NodeKind kind, List<PropertyChange> changes) {
        return changes.stream().map(change -> classify(kind, change))
                .min(Enum::compareTo).orElse(Category.METADATA);
    }

    private static Category classify(NodeKind kind, PropertyChange change) {
        String key = change.key();
        boolean added = change.before().isEmpty();
        return switch (kind) {
            case SOURCE -> key.startsWith("column.") && added ? Category.NON_BREAKING : Category.BREAKING;
            case SILVER -> key.equals("retention") ? Category.NON_BREAKING : Category.BREAKING;
            case QUALITY_GATE -> Category.NON_BREAKING; // gates decide publication, not values
            // a new aggregate state adds a tile column; dropping one takes a column from the view reading it
            case TILES -> (key.startsWith("state.") && added) || key.equals("window.longest") ? Category.NON_BREAKING : Category.BREAKING;
            case FEATURE_VIEW -> {
                if (key.startsWith("feature.")) {
                    yield added ? Category.NON_BREAKING : Category.BREAKING;
                }
                yield key.equals("online") && change.after().filter("true"::equals).isPresent()
                        ? Category.NON_BREAKING : Category.BREAKING;
            }
            case DATASET -> added && (key.startsWith("feature.") || key.startsWith("label.") || key.startsWith("spine.column."))
                    ? Category.NON_BREAKING : Category.BREAKING;
        };
    }
}
