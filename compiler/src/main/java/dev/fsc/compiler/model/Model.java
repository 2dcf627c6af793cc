package dev.fsc.compiler.model;

import dev.fsc.compiler.spec.EntitySpec;
import dev.fsc.compiler.spec.ProjectSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything the compiler understood of a valid project: the input to planning and to {@code fsc explain}.
 * An immutable value; a class rather than a record only so it can keep its parts indexed by name (planning
 * 10,000 specs looks a source up for every view, which a scan of the list made quadratic).
 */
public final class Model {
    private final ProjectSpec project;
    private final List<Source> sources;
    private final List<EntitySpec> entities;
    private final List<FeatureView> views;
    private final List<Dataset> datasets;
    private final Map<String, Source> sourcesByName;
    private final Map<String, EntitySpec> entitiesByName;
    private final Map<String, FeatureView> viewsByName;
    private final Map<String, Dataset> datasetsByName;

    public Model(ProjectSpec project, List<Source> sources, List<EntitySpec> entities, List<FeatureView> views,
                 List<Dataset> datasets) {
        this.project = Objects.requireNonNull(project);
        this.sources = List.copyOf(sources);
        this.entities = List.copyOf(entities);
        this.views = List.copyOf(views);
        this.datasets = List.copyOf(datasets);
        this.sourcesByName = byName(this.sources, Source::name);
        this.entitiesByName = byName(this.entities, e -> e.name().value());
        this.viewsByName = byName(this.views, FeatureView::name);
        this.datasetsByName = byName(this.datasets, Dataset::name);
    }

    /** The first of each name wins, as a scan of the list would find it. */
    private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
        Map<String, T> index = new LinkedHashMap<>();
        items.forEach(item -> index.putIfAbsent(name.apply(item), item));
        return index;
    }

    public ProjectSpec project() {
        return project;
    }

    public List<Source> sources() {
        return sources;
    }

    public List<EntitySpec> entities() {
        return entities;
    }

    public List<FeatureView> views() {
        return views;
    }

    public List<Dataset> datasets() {
        return datasets;
    }

    public Optional<Source> source(String name) {
        return Optional.ofNullable(sourcesByName.get(name));
    }

    public Optional<FeatureView> view(String name) {
        return Optional.ofNullable(viewsByName.get(name));
    }

    public Optional<Dataset> dataset(String name) {
        return Optional.ofNullable(datasetsByName.get(name));
    }

    public Optional<EntitySpec> entity(String name) {
        return Optional.ofNullable(entitiesByName.get(name));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Model other && project.equals(other.project) && sources.equals(other.sources)
                && entities.equals(other.entities) && views.equals(other.views) && datasets.equals(other.datasets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(project, sources, entities, views, datasets);
    }

    @Override
    public String toString() {
        return "Model[project=" + project.project().value() + ", sources=" + sources.size() + ", entities=" + entities.size()
                + ", views=" + views.size() + ", datasets=" + datasets.size() + "]";
    }
}
