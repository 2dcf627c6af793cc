package dev.fsc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.common.json.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code fsc status} reads each deployed DAG's latest run from a real Airflow 3 api-server (PyPI, the venv of
 * {@code .ci/airflow-venv.sh}) over its REST API, logging in as a viewer with the credentials from the environment.
 * The DAGs are the marketplace example's, deployed by {@code fsc deploy} into the folder Airflow parses.
 */
class AirflowStatusIT {
    private static final Path WORK = Path.of(System.getProperty("fsc.it.dir", "target/it")).toAbsolutePath()
            .resolve("airflow-status-" + System.currentTimeMillis());
    private static final Map<String, String> VIEWER = Map.of("FSC_AIRFLOW_USERNAME", "fsc", "FSC_AIRFLOW_PASSWORD", "fsc-secret");
    private static final String DAILY = "novamind_daily";

    private static AirflowVenv airflow;
    private static Map<String, String> airflowEnv;
    private static Process apiServer;
    private static String apiUrl;
    private static ExampleProject project;

    @BeforeAll
    static void deployAndStartAirflow() throws Exception {
        airflow = AirflowVenv.require(WORK.resolve("airflow-home"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        apiUrl = "http://127.0.0.1:" + port;
        project = ExampleProject.copy("marketplace", Files.createDirectories(WORK.resolve("project")));
        Path fscYaml = project.root().resolve("fsc.yaml");
        Files.writeString(fscYaml, Files.readString(fscYaml).replace("  local:\n",
                "  local:\n    airflow: { dags_dir: dags, api_url: \"" + apiUrl + "\" }\n"), StandardCharsets.UTF_8);
        CliProcess.Outcome deploy = fsc(List.of("deploy", "--env", "local", "--auto-approve"), Map.of());
        assertEquals(0, deploy.exit(), deploy.text());

        Path passwords = Files.writeString(Files.createDirectories(WORK.resolve("airflow-home")).resolve("passwords.json"),
                "{\"fsc\": \"fsc-secret\", \"admin\": \"admin-secret\"}");
        airflowEnv = Map.of("AIRFLOW__CORE__DAGS_FOLDER", project.root().resolve("dags").toString(),
                "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS", "fsc:viewer,admin:admin",
                "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE", passwords.toString(),
                "AIRFLOW__API_AUTH__JWT_SECRET", "fsc-airflow-status-it-jwt-secret-long-enough-for-hs512-signing-000");
        airflowCli("db", "migrate");
        airflowCli("dags", "reserialize");
        apiServer = airflow.start("airflow", List.of("api-server", "--port", Integer.toString(port)), airflowEnv,
                WORK.resolve("logs").resolve("api-server.log"));
        awaitHttp(apiUrl + "/api/v2/monitor/health", Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopAirflow() throws InterruptedException {
        if (apiServer != null) {
            apiServer.descendants().forEach(ProcessHandle::destroy);
            apiServer.destroy();
            apiServer.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void statusShowsEachDagsLatestRunFromAirflow() throws Exception {
        String noRuns = status(VIEWER);
        for (String dag : List.of(DAILY, "novamind_fraud_training", "novamind_ranking_training")) {
            assertTrue(noRuns.contains("  DAG run    " + dag + "  no runs yet\n"), noRuns);
        }

        airflowCli("dags", "trigger", DAILY, "--logical-date", "2026-11-20T00:00:00+00:00");
        airflowCli("dags", "trigger", DAILY, "--logical-date", "2026-11-21T00:00:00+00:00");
        String queued = status(VIEWER);
        assertTrue(queued.contains("  DAG run    " + DAILY + "  queued, logical date 2026-11-21T00:00:00Z\n"),
                "the latest of the two runs: " + queued);
        assertTrue(queued.contains("  DAG run    novamind_fraud_training  no runs yet\n"), queued);

        String runId = latestRunId(DAILY);
        patchRunState(DAILY, runId, "failed");
        String failed = status(VIEWER);
        assertTrue(failed.matches("(?s).*  DAG run    " + DAILY + "  failed, logical date 2026-11-21T00:00:00Z(, started [^,\n]+)?, ended 20[^\n]+\n.*"),
                failed);

        String anonymous = status(Map.of());
        assertTrue(anonymous.contains("  airflow    " + apiUrl + ": UNREACHABLE (Airflow GET " + apiUrl + "/api/v2/dags/")
                && anonymous.contains("HTTP 401 (set FSC_AIRFLOW_USERNAME and FSC_AIRFLOW_PASSWORD"), anonymous);
        String wrongPassword = status(Map.of("FSC_AIRFLOW_USERNAME", "fsc", "FSC_AIRFLOW_PASSWORD", "guess"));
        assertTrue(wrongPassword.contains("refused the login of fsc (FSC_AIRFLOW_USERNAME)"), wrongPassword);
        assertTrue(wrongPassword.contains("  plan       "), "the rest of the status is still shown: " + wrongPassword);
    }

    private static String status(Map<String, String> env) throws IOException, InterruptedException {
        CliProcess.Outcome status = fsc(List.of("status", "--env", "local"), env);
        assertEquals(0, status.exit(), "an unreachable or refusing Airflow is reported, not fatal: " + status.text());
        return status.text() + "\n";
    }

    private static CliProcess.Outcome fsc(List<String> args, Map<String, String> env) throws IOException, InterruptedException {
        List<String> withProject = new java.util.ArrayList<>(args);
        withProject.addAll(List.of("--project", project.root().toString()));
        return CliProcess.run(project.root(), withProject, env, null);
    }

    private static void airflowCli(String... args) {
        Path log = WORK.resolve("logs").resolve(String.join("-", args).replaceAll("[^a-z0-9_-]", "_") + ".log");
        int exit = airflow.run("airflow", List.of(args), airflowEnv, log, Duration.ofMinutes(5));
        assertEquals(0, exit, "airflow " + String.join(" ", args) + " failed; log: " + log);
    }

    /** The id of the DAG's latest run, read as Airflow's admin (the test's own view, independent of fsc). */
    private static String latestRunId(String dag) throws Exception {
        HttpResponse<String> runs = http(HttpRequest.newBuilder(URI.create(apiUrl + "/api/v2/dags/" + dag + "/dagRuns?order_by=-run_after&limit=1"))
                .header("Authorization", "Bearer " + adminToken()).GET());
        assertEquals(200, runs.statusCode(), runs.body());
        return (String) ((Map<?, ?>) ((List<?>) Json.parseObject(runs.body()).get("dag_runs")).get(0)).get("dag_run_id");
    }

    /** Sets a run's state as an operator would in the UI (the api-server has no scheduler to run it). */
    private static void patchRunState(String dag, String runId, String state) throws Exception {
        HttpResponse<String> patched = http(HttpRequest.newBuilder(URI.create(apiUrl + "/api/v2/dags/" + dag + "/dagRuns/"
                        + java.net.URLEncoder.encode(runId, StandardCharsets.UTF_8).replace("+", "%20")))
                .header("Authorization", "Bearer " + adminToken()).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"state\": \"" + state + "\"}")));
        assertEquals(200, patched.statusCode(), patched.body());
    }

    private static String adminToken() throws Exception {
        HttpResponse<String> token = http(HttpRequest.newBuilder(URI.create(apiUrl + "/auth/token")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"admin\", \"password\": \"admin-secret\"}")));
        assertEquals(201, token.statusCode(), token.body());
        return (String) Json.parseObject(token.body()).get("access_token");
    }

    private static HttpResponse<String> http(HttpRequest.Builder request) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitHttp(String url, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                if (http(HttpRequest.newBuilder(URI.create(url)).GET()).statusCode() == 200) {
                    return;
                }
            } catch (Exception notYet) {
                // the server is still starting
            }
            if (System.nanoTime() > deadline || !apiServer.isAlive()) {
                throw new AssertionError("Airflow's api-server did not answer on " + url + "; log: " + WORK.resolve("logs/api-server.log"));
            }
            Thread.sleep(500);
        }
    }
}
