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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The few calls of the Kafka Connect REST API a deploy needs: list connectors, read and write one's config
 * ({@code PUT /connectors/{name}/config} creates or updates, so re-running converges), its status, delete it.
 */
final class KafkaConnectRest {
    /**
     * A worker answers 409 while its group rebalances, and 500 "a rebalance is expected" just before (e.g. right after
     * a config change); both pass within seconds.
     */
    private static final Duration REBALANCE_LIMIT = Duration.ofSeconds(60);

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    KafkaConnectRest(String url) {
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    String url() {
        return baseUrl;
    }

    /** A connector's state and its tasks' ({@code RUNNING}, {@code PAUSED}, {@code FAILED}, ...), with the first failure's trace line. */
    record Status(String state, List<String> taskStates, Optional<String> failure) {
        Status {
            taskStates = List.copyOf(taskStates);
        }

        boolean running() {
            return state.equals("RUNNING") && !taskStates.isEmpty() && taskStates.stream().allMatch("RUNNING"::equals);
        }
    }

    List<String> connectors() throws IOException {
        List<String> names = new ArrayList<>();
        for (Object name : (List<?>) Json.parse(send(get("/connectors")).orElseThrow())) {
            names.add((String) name);
        }
        return names;
    }

    /** The connector's config as stored (config provider references unresolved), or empty when there is none. */
    Optional<Map<String, String>> config(String name) throws IOException {
        return send(get(connector(name) + "/config")).map(body -> {
            Map<String, String> config = new LinkedHashMap<>();
            Json.parseObject(body).forEach((key, value) -> config.put(key, String.valueOf(value)));
            return config;
        });
    }

    void putConfig(String name, Map<String, String> config) throws IOException {
        send(HttpRequest.newBuilder(uri(connector(name) + "/config")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Json.write(new LinkedHashMap<String, Object>(config)))));
    }

    /**
     * Waits until the connector and its tasks run, the tasks with {@code expected} in their config (a config change
     * restarts them, asynchronously); a connector or task that fails instead fails this with its error.
     */
    void awaitRunning(String name, Map<String, String> expected, Duration limit) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Status> status = status(name);
            if (status.isPresent() && status.get().failure().isPresent()) {
                throw new IOException("connector " + name + " failed on " + baseUrl + ": " + status.get().failure().get());
            }
            List<?> tasks = (List<?>) Json.parse(send(get(connector(name) + "/tasks")).orElse("[]"));
            boolean reconfigured = !tasks.isEmpty() && tasks.stream()
                    .allMatch(t -> ((Map<?, ?>) ((Map<?, ?>) t).get("config")).entrySet().containsAll(expected.entrySet()));
            if (reconfigured && status.filter(Status::running).isPresent()) {
                return;
            }
            pause();
        }
        throw new IOException("connector " + name + " was not running with its new config on " + baseUrl + " within "
                + limit.toSeconds() + " s");
    }

    void delete(String name) throws IOException {
        send(HttpRequest.newBuilder(uri(connector(name))).DELETE());
    }

    Optional<Status> status(String name) throws IOException {
        return send(get(connector(name) + "/status")).map(body -> {
            Map<String, Object> status = Json.parseObject(body);
            List<String> tasks = new ArrayList<>();
            Map<?, ?> connector = (Map<?, ?>) status.get("connector");
            Optional<String> failure = firstLine(connector.get("trace"));
            for (Object o : (List<?>) status.get("tasks")) {
                Map<?, ?> task = (Map<?, ?>) o;
                tasks.add((String) task.get("state"));
                if (failure.isEmpty()) {
                    failure = firstLine(task.get("trace"));
                }
            }
            return new Status((String) connector.get("state"), tasks, failure);
        });
    }

    /** A failed connector's or task's error: the first line of its stack trace. */
    private static Optional<String> firstLine(Object trace) {
        return trace instanceof String text ? text.lines().findFirst() : Optional.empty();
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String connector(String name) {
        return "/connectors/" + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET();
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    /** The response body, or empty on 404 (no such connector); other failures say what the worker answered. */
    private Optional<String> send(HttpRequest.Builder request) throws IOException {
        HttpRequest built = request.timeout(Duration.ofSeconds(60)).build();
        long deadline = System.nanoTime() + REBALANCE_LIMIT.toNanos();
        try {
            while (true) {
                HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 404) {
                    return Optional.empty();
                }
                if (response.statusCode() / 100 == 2) {
                    return Optional.of(response.body());
                }
                boolean rebalancing = response.statusCode() == 409
                        || response.statusCode() == 500 && response.body().contains("rebalance");
                if (!rebalancing || System.nanoTime() > deadline) {
                    throw new IOException("Kafka Connect " + built.method() + " " + built.uri() + ": HTTP " + response.statusCode()
                            + " " + response.body());
                }
                pause();
            }
        } catch (java.net.ConnectException e) {
            throw new IOException("cannot reach Kafka Connect at " + baseUrl + " (environment connect.url)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + baseUrl, e);
        }
    }
}
