package dev.fsc.compiler.model;

import dev.fsc.compiler.spec.DatasetSpec;
import java.util.List;

/** A resolved dataset: spine columns, the features it selects (by view) and its typed labels. */
public record Dataset(DatasetSpec spec, List<Column> spineColumns, List<SelectedFeature> features, List<Label> labels) {
    public Dataset {
        spineColumns = List.copyOf(spineColumns);
        features = List.copyOf(features);
        labels = List.copyOf(labels);
    }

    public String name() {
        return spec.name().value();
    }

    /** A feature of a view, as selected by {@code view.feature} or {@code view.*}. */
    public record SelectedFeature(String view, Feature feature) {
    }

    public record Label(DatasetSpec.Label spec, Column type) {
    }
}
