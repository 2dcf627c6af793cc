package dev.fsc.cli.deploy;

import dev.fsc.compiler.spec.ProjectSpec;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where an environment keeps what a deploy writes, from fsc.yaml: the state store ({@code state:}) and
 * the Airflow DAG folder ({@code airflow: {dags_dir}}). The {@code local} environment, and any that
 * names neither, keeps both under the project's {@code .fsc/}.
 *
 * @param environment the environment's name
 * @param stateDir folder of the state store
 * @param dagsDir the folder Airflow's scheduler reads
 */
public record DeployTarget(String environment, Path stateDir, Path dagsDir) {
    /** The target of {@code environment}, or why this build of fsc cannot deploy to it. */
    public static DeployTarget of(Path projectRoot, ProjectSpec project, String environment) throws UnsupportedTargetException {
        Optional<ProjectSpec.EnvironmentSpec> env = project.environment(environment);
        if (env.isEmpty()) {
            throw new UnsupportedTargetException("fsc.yaml declares no environment `" + environment + "`");
        }
        Map<String, Map<String, String>> services = env.get().services();
        Path fsc = projectRoot.resolve(".fsc");
        Path state = local(projectRoot, "state", Optional.ofNullable(services.get("state")).map(s -> s.get("value")),
                fsc.resolve("state").resolve(environment));
        Path dags = local(projectRoot, "airflow.dags_dir", Optional.ofNullable(services.get("airflow")).map(a -> a.get("dags_dir")),
                fsc.resolve("airflow").resolve(environment).resolve("dags"));
        return new DeployTarget(environment, state, dags);
    }

    /** Default state folder of an environment, where {@code fsc plan --env} looks when fsc.yaml names none. */
    public static Path defaultStateDir(Path projectRoot, String environment) {
        return projectRoot.resolve(".fsc").resolve("state").resolve(environment);
    }

    private static Path local(Path root, String setting, Optional<String> configured, Path otherwise) throws UnsupportedTargetException {
        if (configured.isEmpty()) {
            return otherwise;
        }
        String value = configured.get();
        if (value.matches("[a-z][a-z0-9+.-]*://.*")) {
            // S3 (MWAA's DAG bucket, the prod state document) needs AWS, which this machine cannot reach.
            throw new UnsupportedTargetException(setting + " is " + value + ": this fsc deploys to local paths only; "
                    + "object-store targets (s3://) are not supported yet");
        }
        return root.resolve(value).normalize();
    }

    /** The environment cannot be deployed to by this fsc (a usage error, said before anything is written). */
    public static final class UnsupportedTargetException extends Exception {
        public UnsupportedTargetException(String message) {
            super(message);
        }
    }
}
