package dev.fsc.cli.deploy;

import dev.fsc.cli.run.LocalRuns;
import dev.fsc.cli.run.RunnerJar;
import dev.fsc.cli.stream.LocalStreamManifest;
import dev.fsc.common.manifest.JobManifest;
import dev.fsc.compiler.spec.ProjectSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The streaming-job actions of a deploy, from what runs on the environment's Flink cluster
 * ({@code flink: {rest_url}}) against the compiled {@code flink/<job>.job.json} files: per job, a running
 * build of another name is stopped with a savepoint before the new build starts; jobs no longer compiled
 * are stopped. Jobs of other projects on the same cluster are left alone.
 */
final class FlinkJobPlanner {
    private FlinkJobPlanner() {
    }

    /** The cluster of an environment, if fsc.yaml names one. */
    static Optional<FlinkRest> cluster(ProjectSpec project, String environment) {
        return project.environment(environment).map(e -> e.services().get("flink")).map(f -> f.get("rest_url")).map(FlinkRest::new);
    }

    /** The environment's Flink state backend ({@code flink: {state_backend}}). */
    static String stateBackend(ProjectSpec project, String environment) {
        return project.environment(environment).map(e -> e.services().get("flink")).map(f -> f.get("state_backend"))
                .orElse(FlinkJobIdentity.DEFAULT_STATE_BACKEND);
    }

    /**
     * @param deployed what the environment has, for the online views it no longer needs to serve
     * @param warmLimit how long a new version of an online view may take to catch up before the deploy fails
     * @param dedupMargin the longest dedup interval of the sources (how long a fresh stream may count duplicates)
     */
    static List<DeployAction> actions(ProjectSpec project, String environment, Path projectRoot, Path stateDir,
            Map<String, String> files, Optional<DeployState> deployed, Duration warmLimit, Duration dedupMargin) throws IOException {
        Optional<FlinkRest> cluster = cluster(project, environment);
        if (cluster.isEmpty()) {
            return List.of();
        }
        List<String> manifests = files.keySet().stream().filter(p -> p.matches("flink/[^/]+\\.job\\.json")).toList();
        Path jar = RunnerJar.FLINK.find().orElseThrow(() -> new IOException("the Flink runner jar was not found; " + RunnerJar.FLINK.hint()));
        FlinkJobRecords records = FlinkJobRecords.in(stateDir);
        String stateBackend = stateBackend(project, environment);
        String name = project.project().value();
        List<FlinkJobIdentity> running = new ArrayList<>();
        for (FlinkRest.Job job : cluster.get().jobs()) {
            FlinkJobIdentity.parse(job.name()).filter(id -> job.running() && id.project().equals(name)).ifPresent(running::add);
        }
        List<DeployAction> actions = new ArrayList<>();
        List<FlinkJobIdentity> wanted = new ArrayList<>();
        for (String path : manifests) {
            FlinkJobIdentity id = FlinkJobIdentity.of(files.get(path), stateBackend);
            wanted.add(id);
            Optional<FlinkJobIdentity> old = running.stream().filter(r -> r.sameJob(id) && !r.equals(id)).findFirst();
            old.ifPresent(o -> actions.add(new StopFlinkJob(cluster.get(), o, records, "replaced by build " + id.build())));
            actions.add(new SubmitFlinkJob(cluster.get(), jar, projectRoot, id, files.get(path), stateBackend, records, old));
        }
        running.stream().filter(r -> wanted.stream().noneMatch(r::sameJob))
                .forEach(r -> actions.add(new StopFlinkJob(cluster.get(), r, records, "no longer in the plan")));
        servedViews(projectRoot, stateDir, files, deployed, jar, warmLimit, dedupMargin).ifPresent(actions::add);
        return DeployAction.notApplied(actions);
    }

    /** Readers moved to the compiled versions of the online views once the jobs above have warmed them up. */
    private static Optional<DeployAction> servedViews(Path projectRoot, Path stateDir, Map<String, String> files,
            Optional<DeployState> deployed, Path jar, Duration warmLimit, Duration dedupMargin) {
        Map<String, String> descriptors = new TreeMap<>();
        files.forEach((path, content) -> viewOf(path).ifPresent(view -> descriptors.put(view, content)));
        List<String> retired = deployed.map(d -> d.artifacts().keySet().stream().map(FlinkJobPlanner::viewOf)
                .flatMap(Optional::stream).filter(v -> !descriptors.containsKey(v)).toList()).orElse(List.of());
        Optional<String> store = onlineStore(projectRoot, files);
        if (store.isEmpty() || (descriptors.isEmpty() && retired.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new ServeOnlineViews(jar, new LocalRuns(projectRoot).tmp(), store.get(), descriptors, retired,
                stateDir.resolve("online"), warmLimit, BatchHistory.of(projectRoot, files, RunnerJar.SPARK.find()), dedupMargin));
    }

    /** The online store the streaming jobs of {@code files} write to, if they have any job. */
    static Optional<String> onlineStore(Path projectRoot, Map<String, String> files) {
        return files.keySet().stream().filter(p -> p.matches("flink/[^/]+\\.job\\.json")).findFirst()
                .map(manifest -> LocalStreamManifest.onlineStore(JobManifest.fromJson(files.get(manifest)), projectRoot.resolve(".fsc/online")));
    }

    /** The view of a compiled online descriptor path ({@code flink/online/<view>.json}). */
    private static Optional<String> viewOf(String path) {
        return path.matches("flink/online/[^/]+\\.json")
                ? Optional.of(path.substring("flink/online/".length(), path.length() - ".json".length())) : Optional.empty();
    }
}
