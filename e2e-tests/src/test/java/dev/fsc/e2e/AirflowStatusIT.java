package dev.fsc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.common.json.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code fsc status} reads each deployed DAG's latest run from a real Airflow (PyPI, the venvs of
 * {@code .ci/airflow-venv.sh}) over its REST API, as a viewer whose credentials come from the environment: Airflow 3's
 * api-server (API v2, token login) and Airflow 2.10's webserver (API v1, basic auth). The DAGs are the marketplace
 * example's, deployed by {@code fsc deploy} into the folder Airflow parses.
 */
class AirflowStatusIT {
    private static final Path WORK = Path.of(System.getProperty("fsc.it.dir", "target/it")).toAbsolutePath()
            .resolve("airflow-status-" + System.currentTimeMillis());
    private static final Map<String, String> VIEWER = Map.of("FSC_AIRFLOW_USERNAME", "fsc", "FSC_AIRFLOW_PASSWORD", "fsc-secret");
    private static final String ADMIN_PASSWORD = "admin-secret";
    private static final String DAILY = "novamind_daily";

    /** How each Airflow release is started, asked and given a run. */
    enum Release {
        AIRFLOW_3(AirflowVenv.AIRFLOW_3, "/api/v2", "--logical-date", "2026-11-21T00:00:00Z", "-run_after"),
        AIRFLOW_2(AirflowVenv.AIRFLOW_2, "/api/v1", "--exec-date", "2026-11-21T00:00:00+00:00", "-execution_date");

        final AirflowVenv.Release venv;
        final String api;
        final String triggerDate;
        final String shownLogicalDate;
        final String newestFirst;

        Release(AirflowVenv.Release venv, String api, String triggerDate, String shownLogicalDate, String newestFirst) {
            this.venv = venv;
            this.api = api;
            this.triggerDate = triggerDate;
            this.shownLogicalDate = shownLogicalDate;
            this.newestFirst = newestFirst;
        }
    }

    @ParameterizedTest
    @EnumSource(Release.class)
    void statusShowsEachDagsLatestRunFromAirflow(Release release) throws Exception {
        Path work = WORK.resolve(release.name().toLowerCase());
        AirflowVenv airflow = AirflowVenv.require(release.venv, work.resolve("airflow-home"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String apiUrl = "http://127.0.0.1:" + port;
        ExampleProject project = ExampleProject.copy("marketplace", Files.createDirectories(work.resolve("project")));
        Path fscYaml = project.root().resolve("fsc.yaml");
        Files.writeString(fscYaml, Files.readString(fscYaml).replace("  local:\n", "  local:\n    airflow: { dags_dir: dags, api_url: \""
                + apiUrl + "\", version: \"" + release.venv.version() + "\" }\n"), StandardCharsets.UTF_8);
        CliProcess.Outcome deploy = fsc(project, List.of("deploy", "--env", "local", "--auto-approve"), Map.of());
        assertEquals(0, deploy.exit(), deploy.text());

        Server server = new Server(release, airflow, apiUrl, airflowEnv(release, work, project), work.resolve("logs"));
        server.start(port);
        try {
            String noRuns = status(project, VIEWER);
            for (String dag : List.of(DAILY, "novamind_fraud_training", "novamind_ranking_training")) {
                assertTrue(noRuns.contains("  DAG run    " + dag + "  no runs yet\n"), noRuns);
            }

            server.cli("dags", "trigger", DAILY, release.triggerDate, "2026-11-20T00:00:00+00:00");
            server.cli("dags", "trigger", DAILY, release.triggerDate, "2026-11-21T00:00:00+00:00");
            String queued = status(project, VIEWER);
            assertTrue(queued.contains("  DAG run    " + DAILY + "  queued, logical date " + release.shownLogicalDate + "\n"),
                    "the latest of the two runs: " + queued);
            assertTrue(queued.contains("  DAG run    novamind_fraud_training  no runs yet\n"), queued);

            server.setLatestRunState(DAILY, "failed");
            String failed = status(project, VIEWER);
            assertTrue(failed.matches("(?s).*  DAG run    " + DAILY + "  failed, logical date " + java.util.regex.Pattern.quote(release.shownLogicalDate)
                    + "(, started [^,\n]+)?, ended 20[^\n]+\n.*"), failed);

            String anonymous = status(project, Map.of());
            assertTrue(anonymous.contains("  airflow    " + apiUrl + ": UNREACHABLE (Airflow GET " + apiUrl + release.api + "/dags/")
                    && anonymous.contains("HTTP 401 (set FSC_AIRFLOW_USERNAME and FSC_AIRFLOW_PASSWORD"), anonymous);
            String wrongPassword = status(project, Map.of("FSC_AIRFLOW_USERNAME", "fsc", "FSC_AIRFLOW_PASSWORD", "guess"));
            assertTrue(wrongPassword.contains(release == Release.AIRFLOW_3 ? "refused the login of fsc (FSC_AIRFLOW_USERNAME)"
                    : "HTTP 401 (set FSC_AIRFLOW_USERNAME"), wrongPassword);
            assertTrue(wrongPassword.contains("  plan       "), "the rest of the status is still shown: " + wrongPassword);
        } finally {
            server.stop();
        }
    }

    /** Airflow's settings: the deployed DAG folder, a viewer {@code fsc} and an admin (the test's own hand). */
    private static Map<String, String> airflowEnv(Release release, Path work, ExampleProject project) throws IOException {
        String dags = project.root().resolve("dags").toString();
        if (release == Release.AIRFLOW_2) {
            return Map.of("AIRFLOW__CORE__DAGS_FOLDER", dags, "AIRFLOW__API__AUTH_BACKENDS", "airflow.api.auth.backend.basic_auth",
                    "AIRFLOW__WEBSERVER__WORKERS", "1");
        }
        Path passwords = Files.writeString(Files.createDirectories(work.resolve("airflow-home")).resolve("passwords.json"),
                "{\"fsc\": \"fsc-secret\", \"admin\": \"" + ADMIN_PASSWORD + "\"}");
        return Map.of("AIRFLOW__CORE__DAGS_FOLDER", dags, "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS", "fsc:viewer,admin:admin",
                "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE", passwords.toString(),
                "AIRFLOW__API_AUTH__JWT_SECRET", "fsc-airflow-status-it-jwt-secret-long-enough-for-hs512-signing-000");
    }

    /** One Airflow release's server over its metadata database in the venv's home. */
    private record Server(Release release, AirflowVenv airflow, String apiUrl, Map<String, String> env, Path logs, List<Process> running) {
        Server(Release release, AirflowVenv airflow, String apiUrl, Map<String, String> env, Path logs) {
            this(release, airflow, apiUrl, env, logs, new ArrayList<>());
        }

        void start(int port) throws Exception {
            cli("db", "migrate");
            if (release == Release.AIRFLOW_2) {
                cli("sync-perm");   // creates the roles a user needs
                cli("users", "create", "--role", "Viewer", "--username", "fsc", "--password", "fsc-secret", "--firstname", "f",
                        "--lastname", "sc", "--email", "fsc@localhost");
                cli("users", "create", "--role", "Admin", "--username", "admin", "--password", ADMIN_PASSWORD, "--firstname", "a",
                        "--lastname", "dmin", "--email", "admin@localhost");
            }
            cli("dags", "reserialize");
            String program = release == Release.AIRFLOW_2 ? "webserver" : "api-server";
            running.add(airflow.start("airflow", List.of(program, "--port", Integer.toString(port)), env, logs.resolve(program + ".log")));
            awaitHealthy(release == Release.AIRFLOW_2 ? "/health" : "/api/v2/monitor/health", logs.resolve(program + ".log"));
        }

        void stop() throws InterruptedException {
            for (Process p : running) {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
                p.waitFor(20, TimeUnit.SECONDS);
                p.descendants().forEach(ProcessHandle::destroyForcibly);
            }
        }

        void cli(String... args) {
            Path log = logs.resolve(String.join("-", args).replaceAll("[^A-Za-z0-9_-]", "_") + ".log");
            int exit = airflow.run("airflow", List.of(args), env, log, Duration.ofMinutes(5));
            assertEquals(0, exit, "airflow " + String.join(" ", args) + " failed; log: " + log);
        }

        /** Sets the DAG's latest run's state as an operator would in the UI (nothing schedules runs here). */
        void setLatestRunState(String dag, String state) throws Exception {
            HttpResponse<String> runs = http(HttpRequest.newBuilder(URI.create(apiUrl + release.api + "/dags/" + dag
                    + "/dagRuns?limit=1&order_by=" + release.newestFirst)).header("Authorization", adminAuthorization()).GET());
            assertEquals(200, runs.statusCode(), runs.body());
            String runId = (String) ((Map<?, ?>) ((List<?>) Json.parseObject(runs.body()).get("dag_runs")).get(0)).get("dag_run_id");
            HttpResponse<String> patched = http(HttpRequest.newBuilder(URI.create(apiUrl + release.api + "/dags/" + dag + "/dagRuns/"
                            + URLEncoder.encode(runId, StandardCharsets.UTF_8).replace("+", "%20")))
                    .header("Authorization", adminAuthorization()).header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"state\": \"" + state + "\"}")));
            assertEquals(200, patched.statusCode(), patched.body());
        }

        private String adminAuthorization() throws Exception {
            if (release == Release.AIRFLOW_2) {
                return "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
            }
            HttpResponse<String> token = http(HttpRequest.newBuilder(URI.create(apiUrl + "/auth/token")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"admin\", \"password\": \"" + ADMIN_PASSWORD + "\"}")));
            assertEquals(201, token.statusCode(), token.body());
            return "Bearer " + Json.parseObject(token.body()).get("access_token");
        }

        private void awaitHealthy(String path, Path log) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (true) {
                try {
                    if (http(HttpRequest.newBuilder(URI.create(apiUrl + path)).GET()).statusCode() == 200) {
                        return;
                    }
                } catch (Exception notYet) {
                    // the server is still starting
                }
                if (System.nanoTime() > deadline || running.stream().noneMatch(Process::isAlive)) {
                    throw new AssertionError("Airflow did not answer on " + apiUrl + path + "; log: " + log);
                }
                Thread.sleep(500);
            }
        }
    }

    private static String status(ExampleProject project, Map<String, String> env) throws IOException, InterruptedException {
        CliProcess.Outcome status = fsc(project, List.of("status", "--env", "local"), env);
        assertEquals(0, status.exit(), "an unreachable or refusing Airflow is reported, not fatal: " + status.text());
        return status.text() + "\n";
    }

    private static CliProcess.Outcome fsc(ExampleProject project, List<String> args, Map<String, String> env)
            throws IOException, InterruptedException {
        List<String> withProject = new ArrayList<>(args);
        withProject.addAll(List.of("--project", project.root().toString()));
        return CliProcess.run(project.root(), withProject, env, null);
    }

    private static HttpResponse<String> http(HttpRequest.Builder request) throws Exception {
        // HTTP/1.1: uvicorn answers 400 to the h2c upgrade Java's client offers by default
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
