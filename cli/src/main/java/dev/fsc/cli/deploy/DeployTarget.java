package dev.fsc.cli.deploy;

import dev.fsc.compiler.spec.ProjectSpec;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where an environment keeps what a deploy writes, from fsc.yaml: the state store ({@code state:}) and
 * the Airflow DAG folder ({@code airflow: {dags_dir}}), each a path (relative to the project) or an
 * {@code s3://bucket/prefix}. The {@code local} environment, and any that names neither, keeps both under
 * the project's {@code .fsc/}.
 *
 * @param environment the environment's name
 * @param stateDir the environment's folder on this machine: the state store when it is local; the records of
 *     its streaming jobs and the deploy's work files either way
 * @param stateStore the state store: in {@code stateDir}, or at an {@code s3://} location
 * @param dags the folder Airflow's scheduler reads
 */
public record DeployTarget(String environment, Path stateDir, StateStore stateStore, DagFolder dags) {
    /** The target of {@code environment}, or why this build of fsc cannot deploy to it. */
    public static DeployTarget of(Path projectRoot, ProjectSpec project, String environment) throws UnsupportedTargetException {
        Optional<ProjectSpec.EnvironmentSpec> env = project.environment(environment);
        if (env.isEmpty()) {
            throw new UnsupportedTargetException("fsc.yaml declares no environment `" + environment + "`");
        }
        Map<String, Map<String, String>> services = env.get().services();
        Path localState = defaultStateDir(projectRoot, environment);
        String state = location(projectRoot, "state", Optional.ofNullable(services.get("state")).map(s -> s.get("value")), localState);
        String dags = location(projectRoot, "airflow.dags_dir", Optional.ofNullable(services.get("airflow")).map(a -> a.get("dags_dir")),
                projectRoot.resolve(".fsc").resolve("airflow").resolve(environment).resolve("dags"));
        try {
            Path stateDir = S3Objects.isS3(state) ? localState : Path.of(state);
            StateStore store = S3Objects.isS3(state) ? new S3StateStore(state) : new LocalStateStore(stateDir);
            return new DeployTarget(environment, stateDir, store, DagFolder.of(dags, projectRoot));
        } catch (S3Objects.UnreachableException e) {
            throw new UnsupportedTargetException(e.getMessage());
        }
    }

    /** Default state folder of an environment, where {@code fsc plan --env} looks when fsc.yaml names none. */
    public static Path defaultStateDir(Path projectRoot, String environment) {
        return projectRoot.resolve(".fsc").resolve("state").resolve(environment);
    }

    /** The state store's folder, when it is on this machine's disk. */
    Optional<Path> localStateDir() {
        return stateStore instanceof LocalStateStore ? Optional.of(stateDir) : Optional.empty();
    }

    private static String location(Path root, String setting, Optional<String> configured, Path otherwise) throws UnsupportedTargetException {
        if (configured.isEmpty()) {
            return otherwise.toString();
        }
        String value = configured.get();
        if (S3Objects.isS3(value)) {
            return value;
        }
        if (value.matches("[a-z][a-z0-9+.-]*://.*")) {
            throw new UnsupportedTargetException(setting + " is " + value + ": fsc deploys to local paths and s3:// locations only");
        }
        return root.resolve(value).normalize().toString();
    }

    /** The environment cannot be deployed to by this fsc (a usage error, said before anything is written). */
    public static final class UnsupportedTargetException extends Exception {
        public UnsupportedTargetException(String message) {
            super(message);
        }
    }
}
