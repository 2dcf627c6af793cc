package dev.fsc.compiler.codegen.airflow;

import dev.fsc.compiler.spec.ProjectSpec;
import java.util.Map;
import java.util.Optional;

/**
 * How an environment's DAG runs its tasks, from fsc.yaml: the {@code local} environment (or any without a
 * {@code spark} service) calls the fsc CLI on the Airflow worker; {@code spark: {mode: emr-serverless, ...}}
 * starts each task's job on EMR Serverless from manifests kept under {@code state}.
 */
public sealed interface AirflowTarget {
    /** Tasks run {@code fsc run-task} on the worker; sensors look for the local input files. */
    record Local(Map<String, String> inputs) implements AirflowTarget {
        public Local {
            inputs = Map.copyOf(inputs);
        }
    }

    /**
     * Tasks start the Spark runner on EMR Serverless.
     *
     * @param artifacts S3 folder holding the runner jar and the task manifests ({@code <state>/artifacts})
     */
    record EmrServerless(String applicationId, String executionRole, String artifacts) implements AirflowTarget {
    }

    /** The environment's target, or empty when it says nothing Airflow could run (e.g. no EMR application). */
    static Optional<AirflowTarget> of(ProjectSpec project, String environment, Map<String, String> localInputs) {
        Optional<ProjectSpec.EnvironmentSpec> env = project.environment(environment);
        Map<String, String> spark = env.map(e -> e.services().get("spark")).orElse(null);
        if (spark == null) {
            return environment.equals("local") || env.isPresent() && !env.get().inputs().isEmpty()
                    ? Optional.of(new Local(localInputs)) : Optional.empty();
        }
        Optional<String> state = env.map(e -> e.services().get("state")).map(s -> s.get("value"));
        if (!"emr-serverless".equals(spark.get("mode")) || state.isEmpty()
                || !spark.containsKey("application_id") || !spark.containsKey("execution_role")) {
            return Optional.empty();
        }
        String root = state.get().endsWith("/") ? state.get().substring(0, state.get().length() - 1) : state.get();
        return Optional.of(new EmrServerless(spark.get("application_id"), spark.get("execution_role"), root + "/artifacts"));
    }
}
