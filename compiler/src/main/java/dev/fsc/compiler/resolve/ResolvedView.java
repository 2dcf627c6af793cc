package dev.fsc.compiler.resolve;

import dev.fsc.compiler.spec.EntitySpec;
import dev.fsc.compiler.spec.FeatureViewSpec;
import dev.fsc.compiler.spec.SourceSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A feature view whose names resolved: its entity, its source (absent for {@code query:} views),
 * entity key to column bindings, and the output columns its features produce.
 */
public record ResolvedView(FeatureViewSpec spec, EntitySpec entity, Optional<SourceSpec> source,
                           Map<String, String> keyColumns, List<FeatureOutput> outputs) {
    public ResolvedView {
        keyColumns = Map.copyOf(keyColumns);
        outputs = List.copyOf(outputs);
    }

    public String name() {
        return spec.name().value();
    }
}
