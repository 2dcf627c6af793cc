package dev.fsc.compiler.codegen.spark;

import dev.fsc.common.manifest.JobManifest;
import dev.fsc.common.manifest.JobManifest.CatalogConfig;
import dev.fsc.common.manifest.JobManifest.Step;
import dev.fsc.compiler.codegen.TableVersions;
import dev.fsc.compiler.codegen.Templates;
import dev.fsc.compiler.codegen.spark.ViewSql.TileGroup;
import dev.fsc.compiler.model.Dataset;
import dev.fsc.compiler.model.FeatureView;
import dev.fsc.compiler.model.Model;
import dev.fsc.compiler.model.Source;
import dev.fsc.compiler.plan.Plan;
import dev.fsc.compiler.spec.Located;
import dev.fsc.compiler.spec.ProjectSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The daily Spark batch job of a project: one manifest whose steps take every source from bronze to
 * silver, run its checks, write every view's tiles and build every dataset, all on a write–audit–publish
 * branch that one PUBLISH step fast-forwards once every error check passed; then tag each dataset's build.
 * Each SQL/CHECK step is also written as a readable {@code spark/<step>.sql} file.
 */
public final class SparkCodegen {
    /** The job's name; per-day runs name their branch after it. */
    public static final String JOB = "daily";
    /** The job parameter holding the first day processed, {@code YYYY-MM-DD}. */
    public static final String FROM_PARAMETER = "ds_from";
    /** The job parameter holding the last day processed (inclusive). */
    public static final String TO_PARAMETER = "ds_to";

    private final Templates templates = Templates.of("spark");

    /** What the Spark target generates. */
    public record SparkJob(JobManifest manifest, Map<String, String> files) {
        public SparkJob {
            files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
        }
    }

    /**
     * @param localInputs source name → input path as fsc.yaml gives it (the local environment: a load step
     *     per bound source); empty for environments whose bronze is filled by ingestion
     */
    public SparkJob generate(Model model, Plan plan, String fscVersion, Map<String, String> localInputs) {
        return generate(model, plan, fscVersion, localInputs, CatalogConfig.hadoop("warehouse"));
    }

    /** @param catalog the Iceberg catalog of the environment the job runs in (see {@link #catalog}) */
    public SparkJob generate(Model model, Plan plan, String fscVersion, Map<String, String> localInputs, CatalogConfig catalog) {
        return generate(model, plan, fscVersion, localInputs, catalog, TableVersions.NONE);
    }

    /**
     * @param tables the version of each table the environment uses (its deploy state's); {@link TableVersions#NONE}
     *     for the names of an environment that never had a breaking table change
     */
    public SparkJob generate(Model model, Plan plan, String fscVersion, Map<String, String> localInputs, CatalogConfig catalog,
            TableVersions tables) {
        String project = model.project().project().value();
        SparkNames names = new SparkNames(tables);
        SourceSql sources = new SourceSql(templates, project, names);
        ViewSql views = new ViewSql(templates, names);
        DatasetSql datasets = new DatasetSql(templates, model, names);
        List<Step> steps = new ArrayList<>();
        Set<String> written = new LinkedHashSet<>();
        List<String> silverSteps = new ArrayList<>();
        List<String> checks = new ArrayList<>();

        for (Source source : model.sources()) {
            String name = source.name();
            List<String> silverDeps = new ArrayList<>();
            String input = localInputs.get(name);
            if (input != null) {
                steps.add(Step.sql(SparkSteps.load(name), sources.load(source, input), List.of()));
                written.add(names.bronze(name));
                silverDeps.add(SparkSteps.load(name));
            }
            steps.add(Step.sql(SparkSteps.silver(name), sources.silver(source), silverDeps));
            silverSteps.add(SparkSteps.silver(name));
            written.add(names.silver(name));
            written.add(names.quarantine(name));
            source.spec().lateness().ifPresent(l -> written.add(names.late(name)));
            if (SourceSql.isCdc(source)) {
                steps.add(Step.sql(SparkSteps.versions(name), sources.versions(source), List.of(SparkSteps.silver(name))));
                silverSteps.add(SparkSteps.versions(name));
                written.add(names.versions(name));
            }
            for (TableChecks.Check check : TableChecks.of(source, names)) {
                String id = SparkSteps.check(name, check.name());
                steps.add(Step.check(id, check.severity(), check.query(), List.of(SparkSteps.silver(name))));
                checks.add(id);
            }
        }
        steps.add(Step.sql(SparkSteps.EVENTS, views.events(model), silverSteps));

        Map<String, List<String>> tileSteps = new LinkedHashMap<>();
        for (FeatureView view : model.views()) {
            List<TileGroup> groups = ViewSql.tileGroups(view);
            List<String> ids = SparkSteps.tiles(view);
            for (int i = 0; i < groups.size(); i++) {
                TileGroup group = groups.get(i);
                String id = ids.get(i);
                steps.add(Step.sql(id, views.tiles(group, model), List.of(SparkSteps.EVENTS)));
                tileSteps.computeIfAbsent(view.name(), k -> new ArrayList<>()).add(id);
                written.add(group.table(names));
            }
        }
        List<String> datasetSteps = new ArrayList<>();
        for (Dataset dataset : model.datasets()) {
            List<String> deps = new ArrayList<>(List.of(SparkSteps.EVENTS));
            datasets.selectedByView(dataset).keySet().forEach(v -> deps.addAll(tileSteps.getOrDefault(v.name(), List.of())));
            String id = SparkSteps.dataset(dataset.name());
            steps.add(Step.sql(id, datasets.build(dataset), deps));
            datasetSteps.add(id);
            written.add(names.dataset(dataset));
        }
        List<String> beforePublish = new ArrayList<>();
        beforePublish.addAll(checks);
        tileSteps.values().forEach(beforePublish::addAll);
        beforePublish.addAll(datasetSteps);
        steps.add(Step.publish(SparkSteps.PUBLISH, List.copyOf(written), beforePublish));
        for (Dataset dataset : model.datasets()) {
            steps.add(Step.sql(SparkSteps.tag(dataset.name()), List.of(tag(dataset, names)), List.of(SparkSteps.PUBLISH)));
        }

        Map<String, String> parameters = new TreeMap<>();
        parameters.put(FROM_PARAMETER, "");
        parameters.put(TO_PARAMETER, "");
        localInputs.forEach((source, path) -> parameters.put(SparkNames.inputParameter(source), path));
        JobManifest manifest = new JobManifest(JobManifest.FORMAT_VERSION, project, JOB, plan.planHash(), fscVersion,
                catalog, parameters, Optional.of("fsc-" + JOB), steps);

        Map<String, String> files = new LinkedHashMap<>();
        for (Step step : steps) {
            if (step.kind() != JobManifest.Kind.PUBLISH) {
                files.put("spark/" + step.id() + ".sql", file(step, fscVersion));
            }
        }
        files.put("spark/" + JOB + ".job.json", manifest.toJson());
        return new SparkJob(manifest, files);
    }

    /** Tags the dataset's published snapshot with the last day it was built for, kept as long as the spec says. */
    private static String tag(Dataset dataset, SparkNames names) {
        Optional<Duration> retain = dataset.spec().snapshotRetention().map(Located::value);
        return "ALTER TABLE " + names.dataset(dataset) + " CREATE OR REPLACE TAG `build-${ds_to}`"
                + retain.map(r -> " RETAIN " + r.toDays() + " DAYS").orElse("");
    }

    /**
     * A step's SQL file. Its header names the job, not the plan hash: the manifest pins the plan, and a
     * change to one feature then shows in a review as a diff of the files it really changes.
     */
    private static String file(Step step, String fscVersion) {
        StringBuilder out = new StringBuilder();
        out.append("-- Generated by fsc ").append(fscVersion).append(": job ").append(JOB).append(", step ").append(step.id());
        if (step.kind() == JobManifest.Kind.CHECK) {
            out.append(" (").append(step.severity()).append(" check: rows returned are failures)");
        }
        out.append(". Do not edit.\n");
        if (!step.dependsOn().isEmpty()) {
            out.append("-- After: ").append(String.join(", ", step.dependsOn())).append("\n");
        }
        out.append("\n");
        for (String statement : step.sql()) {
            out.append(statement).append(";\n\n");
        }
        return out.toString().stripTrailing() + "\n";
    }

    /**
     * An environment's Iceberg catalog from fsc.yaml: {@code catalog: {type, warehouse, uri}}, or
     * {@code warehouse: PATH} (a hadoop catalog); without either, a hadoop catalog in {@code warehouse}
     * beside the job (the local environment, whose runs point it at the project's {@code .fsc/}).
     */
    public static CatalogConfig catalog(ProjectSpec project, String environment) {
        Optional<ProjectSpec.EnvironmentSpec> env = project.environment(environment);
        Map<String, String> catalog = env.map(e -> e.services().get("catalog")).orElse(null);
        if (catalog != null && catalog.containsKey("type")) {
            Map<String, String> options = new TreeMap<>();
            Optional.ofNullable(catalog.get("uri")).ifPresent(u -> options.put("uri", u));
            return new CatalogConfig(JobManifest.CatalogType.valueOf(catalog.get("type").toUpperCase(java.util.Locale.ROOT)),
                    JobManifest.DEFAULT_CATALOG_NAME, Optional.ofNullable(catalog.get("warehouse")), options);
        }
        Optional<String> warehouse = env.map(e -> e.services().get("warehouse")).map(w -> w.get("value"));
        return CatalogConfig.hadoop(warehouse.orElse("warehouse"));
    }

    /** The local environment's input bindings, source → path as written in fsc.yaml. */
    public static Map<String, String> localInputs(ProjectSpec project, String environment) {
        Map<String, String> inputs = new TreeMap<>();
        project.environment(environment).ifPresent(env -> env.inputs().forEach(i -> inputs.put(i.source().value(), i.path().value())));
        return inputs;
    }
}
