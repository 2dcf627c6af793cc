package dev.fsc.compiler.resolve;

import dev.fsc.compiler.spec.DatasetSpec;
import java.util.List;
import java.util.Map;

/** A dataset whose references resolved: its selected features by view, and each spine entity's key columns. */
public record ResolvedDataset(DatasetSpec spec, List<Selection> selections, Map<String, Map<String, String>> spineKeys) {
    public ResolvedDataset {
        selections = List.copyOf(selections);
        spineKeys = Map.copyOf(spineKeys);
    }

    /** One selected output column of a view. */
    public record Selection(String view, String outputName) {
    }
}
