package dev.fsc.cli.deploy;

import dev.fsc.common.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one call of Airflow's REST API {@code fsc status} makes: a DAG's latest run. Airflow 3 serves API v2 and
 * takes a JWT from {@code POST /auth/token}; Airflow 2 serves API v1 with basic auth. The user and password come
 * from {@code FSC_AIRFLOW_USERNAME} / {@code FSC_AIRFLOW_PASSWORD}, never from fsc.yaml; without them requests
 * go unauthenticated (an api-server that lets everyone read).
 */
final class AirflowRest {
    private final String baseUrl;
    private final boolean airflow2;
    private final Optional<Credentials> credentials;
    // HTTP/1.1: uvicorn (Airflow 3's api-server) answers 400 to the h2c upgrade Java's client offers by default
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private Optional<String> authorization = Optional.empty();

    record Credentials(String user, String password) {
        static Optional<Credentials> fromEnvironment() {
            String user = System.getenv("FSC_AIRFLOW_USERNAME");
            String password = System.getenv("FSC_AIRFLOW_PASSWORD");
            return user == null || user.isBlank() ? Optional.empty() : Optional.of(new Credentials(user, password == null ? "" : password));
        }
    }

    /** One run of a DAG; times as Airflow wrote them (ISO-8601, UTC), empty while not started or not ended. */
    record DagRun(String runId, String state, String logicalDate, Optional<String> started, Optional<String> ended) {
    }

    /**
     * @param version the environment's {@code airflow.version}; a 2.x release is asked through API v1
     */
    AirflowRest(String apiUrl, Optional<String> version, Optional<Credentials> credentials) {
        this.baseUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        this.airflow2 = version.filter(v -> v.startsWith("2")).isPresent();
        this.credentials = credentials;
    }

    /** The environment's Airflow API ({@code airflow: {api_url}}), if it names one. */
    static Optional<AirflowRest> of(Map<String, String> airflow) {
        return Optional.ofNullable(airflow).filter(a -> a.containsKey("api_url"))
                .map(a -> new AirflowRest(a.get("api_url"), Optional.ofNullable(a.get("version")), Credentials.fromEnvironment()));
    }

    String url() {
        return baseUrl;
    }

    /** What Airflow knows of a DAG: whether it parsed it at all, and its most recent run (by when it was due). */
    record DagHistory(boolean known, Optional<DagRun> latest) {
    }

    DagHistory history(String dagId) throws IOException {
        String order = airflow2 ? "-execution_date" : "-run_after";
        Optional<String> body = get("/dags/" + URLEncoder.encode(dagId, StandardCharsets.UTF_8) + "/dagRuns?limit=1&order_by=" + order);
        if (body.isEmpty()) {
            return new DagHistory(false, Optional.empty());
        }
        List<?> runs = (List<?>) Json.parseObject(body.get()).get("dag_runs");
        if (runs == null || runs.isEmpty()) {
            return new DagHistory(true, Optional.empty());
        }
        Map<?, ?> run = (Map<?, ?>) runs.get(0);
        Object logical = run.get("logical_date") != null ? run.get("logical_date") : run.get("execution_date");
        return new DagHistory(true, Optional.of(new DagRun((String) run.get("dag_run_id"), (String) run.get("state"), String.valueOf(logical),
                Optional.ofNullable((String) run.get("start_date")), Optional.ofNullable((String) run.get("end_date")))));
    }

    private Optional<String> get(String path) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + (airflow2 ? "/api/v1" : "/api/v2") + path)).GET();
        Optional<String> auth = authorization();
        auth.ifPresent(a -> request.header("Authorization", a));
        HttpResponse<String> response = send(request);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("Airflow GET " + response.uri() + ": HTTP " + response.statusCode()
                    + (response.statusCode() == 401 || response.statusCode() == 403
                            ? " (set FSC_AIRFLOW_USERNAME and FSC_AIRFLOW_PASSWORD to a user that may read DAG runs)" : " " + response.body()));
        }
        return Optional.of(response.body());
    }

    /** The Authorization header: basic for Airflow 2, a bearer token fetched once for Airflow 3. */
    private Optional<String> authorization() throws IOException {
        if (authorization.isPresent() || credentials.isEmpty()) {
            return authorization;
        }
        Credentials c = credentials.get();
        if (airflow2) {
            authorization = Optional.of("Basic " + Base64.getEncoder().encodeToString((c.user() + ":" + c.password()).getBytes(StandardCharsets.UTF_8)));
            return authorization;
        }
        String login = Json.write(Map.of("username", c.user(), "password", c.password()));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/auth/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(login)));
        if (response.statusCode() / 100 != 2) {
            throw new IOException("Airflow at " + baseUrl + " refused the login of " + c.user() + " (FSC_AIRFLOW_USERNAME): HTTP "
                    + response.statusCode() + " " + response.body());
        }
        authorization = Optional.of("Bearer " + Json.parseObject(response.body()).get("access_token"));
        return authorization;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            throw new IOException("cannot reach Airflow at " + baseUrl + " (environment airflow.api_url)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + baseUrl, e);
        }
    }
}
