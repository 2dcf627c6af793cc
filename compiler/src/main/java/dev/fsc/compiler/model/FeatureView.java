package dev.fsc.compiler.model;

import dev.fsc.compiler.spec.EntitySpec;
import dev.fsc.compiler.spec.FeatureViewSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A resolved feature view: its entity, the input relation (a source's columns or a query's output),
 * entity key to input column bindings, and typed output features.
 */
public record FeatureView(FeatureViewSpec spec, EntitySpec entity, List<String> inputSources,
                          Map<String, String> keyColumns, List<Column> inputColumns, List<Feature> features) {
    public FeatureView {
        inputSources = List.copyOf(inputSources);
        keyColumns = Map.copyOf(keyColumns);
        inputColumns = List.copyOf(inputColumns);
        features = List.copyOf(features);
    }

    public String name() {
        return spec.name().value();
    }

    public Optional<Feature> feature(String outputName) {
        return features.stream().filter(f -> f.outputName().equals(outputName)).findFirst();
    }
}
