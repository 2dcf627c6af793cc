package dev.fsc.compiler.codegen.airflow;

import static dev.fsc.compiler.codegen.airflow.AirflowCodegen.py;

import java.util.ArrayList;
import java.util.List;

/** The Airflow operators of one target: what a DAG file imports and defines, and each task's operator call. */
abstract sealed class TaskOperators {
    /** An operator and its keyword arguments, each already Python source. */
    record Call(String operator, List<String> args) {
        Call {
            args = List.copyOf(args);
        }
    }

    /** A sensor gives up after this long (the DAG run's own deadline usually comes first). */
    static final String SENSOR_TIMEOUT = "timedelta(hours=6)";

    static TaskOperators of(AirflowTarget target, String project) {
        if (target instanceof AirflowTarget.Local local) {
            return new Local(local);
        }
        return new Emr((AirflowTarget.EmrServerless) target, project);
    }

    /** A paragraph for the DAG's docs: how tasks run. */
    abstract String doc();

    abstract List<String> constants();

    abstract Call sensor(DagTask task);

    abstract Call spark(DagTask task, String hash);

    /** Seconds between two checks of a sensor. */
    abstract int pokeSeconds();

    /** Waits for the features DAG's run of the same day to have published it (Airflow's own record of runs). */
    final Call featuresSensor(DagTask task, DailyDag.FeaturesUpstream upstream) {
        List<String> args = common(task, task.doc());
        args.add("external_dag_id=" + py(upstream.dagId()));
        args.add("external_task_id=" + py(upstream.taskId()));
        args.add("execution_delta=" + AirflowCodegen.timedelta(upstream.delta()));
        args.add("allowed_states=[\"success\"]");
        args.add("failed_states=[\"failed\", \"upstream_failed\"]");
        args.add("mode=\"reschedule\"");
        args.add("poke_interval=" + pokeSeconds());
        args.add("timeout=" + SENSOR_TIMEOUT);
        return new Call("ExternalTaskSensor", args);
    }

    /** The arguments every task has: its id and docs. */
    static List<String> common(DagTask task, String doc) {
        List<String> args = new ArrayList<>();
        args.add("task_id=" + py(task.taskId()));
        args.add("doc_md=" + py(doc));
        return args;
    }

    static String stepsDoc(DagTask task) {
        return task.doc() + " Steps: " + String.join(", ", task.steps()) + ".";
    }

    /** The local environment: the fsc CLI on the worker. */
    static final class Local extends TaskOperators {
        private final AirflowTarget.Local target;

        Local(AirflowTarget.Local target) {
            this.target = target;
        }

        @Override
        String doc() {
            return "Tasks run `fsc run-task <task> --env local --ds <ds>` on the Airflow worker against the project in\n"
                    + "`$FSC_PROJECT` (set it for the workers; `$FSC` names the fsc launcher when it is not on `PATH`).\n"
                    + "`--task-hash` pins each task's steps: a DAG generated from other specs refuses to run.";
        }

        @Override
        int pokeSeconds() {
            return 60;
        }

        @Override
        List<String> constants() {
            return List.of("RUN_TASK = '\"${FSC:-fsc}\" run-task --project \"$FSC_PROJECT\" --env local --ds {{ ds }} '");
        }

        @Override
        Call sensor(DagTask task) {
            String source = task.source().orElseThrow();
            String input = target.inputs().get(source);
            List<String> args = common(task, input == null
                    ? "Source " + source + " has no local input in fsc.yaml: its bronze table is filled by other means."
                    : task.doc() + " Locally: its input file exists.");
            args.add("bash_command=" + (input == null ? py("true") : "'test -e \"$FSC_PROJECT/" + input.replace("'", "") + "\"'"));
            args.add("mode=\"reschedule\"");
            args.add("poke_interval=" + pokeSeconds());
            args.add("timeout=" + SENSOR_TIMEOUT);
            return new Call("BashSensor", args);
        }

        @Override
        Call spark(DagTask task, String hash) {
            List<String> args = common(task, stepsDoc(task));
            args.add("bash_command=RUN_TASK + " + py(task.name() + " --task-hash " + hash));
            return new Call("BashOperator", args);
        }
    }

    /** Production on AWS: each task a job of the fsc Spark runner on EMR Serverless. */
    static final class Emr extends TaskOperators {
        private final AirflowTarget.EmrServerless target;
        private final String project;

        Emr(AirflowTarget.EmrServerless target, String project) {
            this.target = target;
            this.project = project;
        }

        @Override
        String doc() {
            return "Tasks start the fsc Spark runner on EMR Serverless, each on its own manifest under `ARTIFACTS`,\n"
                    + "named by the hash of its steps (uploaded with the runner jar when the DAG is deployed).\n"
                    + "Sensors wait for the marker the ingestion job writes when a source's day is complete in bronze.";
        }

        @Override
        int pokeSeconds() {
            return 300;
        }

        @Override
        List<String> constants() {
            return List.of(
                    "EMR_APPLICATION_ID = " + py(target.applicationId()),
                    "EMR_EXECUTION_ROLE = " + py(target.executionRole()),
                    "ARTIFACTS = " + py(target.artifacts()),
                    "RUNNER_JAR = ARTIFACTS + \"/fsc-spark-runner.jar\"",
                    "# Ingestion writes <source>/<ds>.done here once the source's day is complete in bronze",
                    "# (its watermark passed the end of the day plus the source's lateness).",
                    "INGESTED = ARTIFACTS + \"/ingested\"",
                    "",
                    "",
                    "def runner(manifest):",
                    "    \"\"\"EMR Serverless job driver: the fsc Spark runner on one task manifest (shipped to the driver's",
                    "    working folder with --files), for the day processed.\"\"\"",
                    "    return {",
                    "        \"sparkSubmit\": {",
                    "            \"entryPoint\": RUNNER_JAR,",
                    "            \"entryPointArguments\": [manifest, \"--param\", \"ds_from={{ ds }}\", \"--param\", \"ds_to={{ ds }}\"],",
                    "            \"sparkSubmitParameters\": \"--files \" + ARTIFACTS + \"/" + AirflowCodegen.MANIFESTS + "/\" + manifest,",
                    "        }",
                    "    }",
                    "");
        }

        @Override
        Call sensor(DagTask task) {
            List<String> args = common(task, task.doc());
            args.add("bucket_key=INGESTED + " + py("/" + task.source().orElseThrow() + "/{{ ds }}.done"));
            args.add("mode=\"reschedule\"");
            args.add("poke_interval=" + pokeSeconds());
            args.add("timeout=" + SENSOR_TIMEOUT);
            return new Call("S3KeySensor", args);
        }

        @Override
        Call spark(DagTask task, String hash) {
            List<String> args = common(task, stepsDoc(task));
            args.add("application_id=EMR_APPLICATION_ID");
            args.add("execution_role_arn=EMR_EXECUTION_ROLE");
            args.add("name=" + py(project + " " + task.name() + " {{ ds }}"));
            args.add("job_driver=runner(" + py(manifestFile(task.name(), hash)) + ")");
            return new Call("EmrServerlessStartJobOperator", args);
        }
    }

    /** A task manifest's file name: the task and its content hash. */
    static String manifestFile(String task, String hash) {
        return task + "-" + hash + ".json";
    }
}
