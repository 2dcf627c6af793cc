package dev.fsc.compiler.model;

import dev.fsc.compiler.spec.EntitySpec;
import dev.fsc.compiler.spec.ProjectSpec;
import java.util.List;
import java.util.Optional;

/** Everything the compiler understood of a valid project: the input to planning and to {@code fsc explain}. */
public record Model(ProjectSpec project, List<Source> sources, List<EntitySpec> entities, List<FeatureView> views,
                    List<Dataset> datasets) {
    public Model {
        sources = List.copyOf(sources);
        entities = List.copyOf(entities);
        views = List.copyOf(views);
        datasets = List.copyOf(datasets);
    }

    public Optional<Source> source(String name) {
        return sources.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<FeatureView> view(String name) {
        return views.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    public Optional<Dataset> dataset(String name) {
        return datasets.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    public Optional<EntitySpec> entity(String name) {
        return entities.stream().filter(e -> e.name().value().equals(name)).findFirst();
    }
}
