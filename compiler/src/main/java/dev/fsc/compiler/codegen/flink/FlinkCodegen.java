package dev.fsc.compiler.codegen.flink;

import dev.fsc.common.manifest.JobManifest;
import dev.fsc.common.manifest.JobManifest.CatalogConfig;
import dev.fsc.common.manifest.JobManifest.Step;
import dev.fsc.compiler.codegen.TableNames;
import dev.fsc.compiler.codegen.TableVersions;
import dev.fsc.compiler.codegen.Templates;
import dev.fsc.compiler.model.FeatureView;
import dev.fsc.compiler.model.Model;
import dev.fsc.compiler.model.Source;
import dev.fsc.compiler.plan.NodeId;
import dev.fsc.compiler.plan.NodeKind;
import dev.fsc.compiler.plan.Plan;
import dev.fsc.compiler.plan.PlanNode;
import dev.fsc.compiler.spec.Durations;
import dev.fsc.compiler.spec.Located;
import dev.fsc.compiler.spec.ProjectSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Flink streaming jobs of a project ({@link StreamingJob}: one per group of sources online views read
 * together). Each job is one manifest whose SQL steps the runner executes in order — DDL and views as they
 * come, every INSERT of every step in one statement set, i.e. one Flink job — and each step is also written
 * as a readable {@code flink/<job>/<step>.sql}; each online view gets {@code flink/online/<view>.json}.
 */
public final class FlinkCodegen {
    /** Job parameter: the online store the tiles are upserted to ({@code redis://...} or {@code embedded:<dir>}). */
    public static final String ONLINE_STORE = "online_store";
    /** The online store of environments that name none: an embedded store beside the local warehouse. */
    public static final String EMBEDDED_STORE = "embedded:.fsc/online";

    private final Templates templates = Templates.of("flink");

    /**
     * What the Flink target generates: the jobs' manifests, every file by relative path, and the tile tables
     * the jobs write with their entity key columns (what a parity check compares).
     */
    public record FlinkJobs(List<JobManifest> manifests, Map<String, String> files, Map<String, List<String>> tileTables) {
        public FlinkJobs {
            manifests = List.copyOf(manifests);
            files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
            tileTables = java.util.Collections.unmodifiableMap(new TreeMap<>(tileTables));
        }
    }

    /**
     * @param environment the environment the jobs run in: sources bound to a local input read that file,
     *     the others their Kafka topic (from the environment's {@code kafka:} settings)
     */
    public FlinkJobs generate(Model model, Plan plan, String fscVersion, String environment, CatalogConfig catalog) {
        return generate(model, plan, fscVersion, environment, catalog, TableVersions.NONE);
    }

    /**
     * @param tables the version of each Iceberg table the environment uses (its deploy state's): the jobs append to
     *     those, the same tables the Spark job of the same map writes
     */
    public FlinkJobs generate(Model model, Plan plan, String fscVersion, String environment, CatalogConfig catalog,
            TableVersions tables) {
        ProjectSpec project = model.project();
        Map<String, String> inputs = new TreeMap<>();
        project.environment(environment).ifPresent(env -> env.inputs().forEach(i -> inputs.put(i.source().value(), i.path().value())));
        Map<String, String> kafka = service(project, environment, "kafka");
        Map<String, String> online = service(project, environment, "online");

        FlinkSourceSql sources = new FlinkSourceSql(templates, project.project().value(), tables);
        FlinkViewSql views = new FlinkViewSql(templates);
        List<JobManifest> manifests = new ArrayList<>();
        Map<String, String> files = new LinkedHashMap<>();
        Map<String, List<String>> tileTables = new TreeMap<>();
        for (StreamingJob job : StreamingJob.of(model)) {
            List<Step> steps = new ArrayList<>();
            Map<String, String> parameters = new TreeMap<>();
            parameters.put(ONLINE_STORE, online.getOrDefault("url", EMBEDDED_STORE));
            List<String> silverSteps = new ArrayList<>();
            for (Source source : job.sources()) {
                String name = source.name();
                SourceInput input;
                if (inputs.containsKey(name)) {
                    input = SourceInput.file(source);
                    parameters.put(TableNames.inputParameter(name), inputs.get(name));
                } else {
                    input = SourceInput.kafka(source);
                    parameters.put(SourceInput.BOOTSTRAP, kafka.getOrDefault("bootstrap_servers", ""));
                    parameters.put(SourceInput.GROUP_ID, "fsc-" + project.project().value() + "-" + job.name());
                    parameters.put(SourceInput.STARTUP_MODE, "earliest-offset");
                    if (input.format().equals("avro-confluent")) {
                        parameters.put(SourceInput.SCHEMA_REGISTRY, kafka.getOrDefault("schema_registry", ""));
                    }
                    if (input.format().equals("protobuf")) {
                        parameters.put(SourceInput.protobufClassParameter(name), "");
                    }
                }
                steps.add(Step.sql("source_" + name, sources.input(source, input), List.of()));
                steps.add(Step.sql("bronze_" + name, sources.bronze(source), List.of("source_" + name)));
                steps.add(Step.sql("silver_" + name, sources.silver(source), List.of("source_" + name)));
                silverSteps.add("silver_" + name);
            }
            if (!job.views().isEmpty()) {
                steps.add(Step.sql("events", views.events(job.views(), model), silverSteps));
            }
            for (FeatureView view : job.views()) {
                String version = version(plan, view);
                List<FlinkTileGroup> groups = FlinkTileGroup.of(view, tables);
                for (FlinkTileGroup group : groups) {
                    String id = "tiles_" + view.name() + "_" + Durations.format(group.size());
                    steps.add(Step.sql(id, views.tiles(group, version, lateness(view, model)), List.of("events")));
                    tileTables.put(group.table(), view.entity().keyNames());
                }
                files.put("flink/online/" + view.name() + ".json", OnlineDescriptor.of(view, version, groups).toJson());
            }
            JobManifest manifest = new JobManifest(JobManifest.FORMAT_VERSION, project.project().value(), job.name(),
                    plan.planHash(), fscVersion, catalog, parameters, Optional.empty(), steps);
            manifests.add(manifest);
            for (Step step : steps) {
                files.put("flink/" + job.name() + "/" + step.id() + ".sql", file(job.name(), step, fscVersion));
            }
            files.put("flink/" + job.name() + ".job.json", manifest.toJson());
        }
        return new FlinkJobs(manifests, files, tileTables);
    }

    /** The Kafka topic the streaming job reads a stream or CDC source from. */
    public static String topic(Source source) {
        return SourceInput.topic(source);
    }

    /** Whether the streaming path reads this source (stream and CDC sources; batch sources are Spark's). */
    public static boolean streamed(Source source) {
        return StreamingJob.streamed(source);
    }

    /** The longest lateness of the view's sources: how late an event may still update its tiles. */
    private static Duration lateness(FeatureView view, Model model) {
        return view.inputSources().stream().flatMap(name -> model.source(name).stream())
                .flatMap(source -> source.spec().lateness().stream()).map(Located::value)
                .max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** The view's plan fingerprint: its online keys' version. */
    private static String version(Plan plan, FeatureView view) {
        return plan.node(new NodeId(NodeKind.FEATURE_VIEW, view.name())).map(PlanNode::fingerprint)
                .orElseThrow(() -> new IllegalStateException("plan has no node for view " + view.name()));
    }

    private static Map<String, String> service(ProjectSpec project, String environment, String name) {
        return project.environment(environment).map(e -> e.services().get(name)).orElse(Map.of());
    }

    /** A step's SQL file; like the Spark files, its header leaves the plan hash to the manifest (minimal diffs). */
    private static String file(String job, Step step, String fscVersion) {
        StringBuilder out = new StringBuilder();
        out.append("-- Generated by fsc ").append(fscVersion).append(": streaming job ").append(job).append(", step ").append(step.id()).append(". Do not edit.\n");
        if (!step.dependsOn().isEmpty()) {
            out.append("-- After: ").append(String.join(", ", step.dependsOn())).append("\n");
        }
        out.append("\n");
        for (String statement : step.sql()) {
            out.append(statement).append(";\n\n");
        }
        return out.toString().stripTrailing() + "\n";
    }
}
