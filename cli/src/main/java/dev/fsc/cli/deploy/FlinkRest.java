package dev.fsc.cli.deploy;

import dev.fsc.common.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The few calls of a Flink cluster's REST API a deploy needs (Flink 2.1): list jobs, stop one with a
 * savepoint and wait for its path.
 */
final class FlinkRest {
    private static final Duration SAVEPOINT_LIMIT = Duration.ofMinutes(5);

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    FlinkRest(String restUrl) {
        this.baseUrl = restUrl.endsWith("/") ? restUrl.substring(0, restUrl.length() - 1) : restUrl;
    }

    String url() {
        return baseUrl;
    }

    /** A job the cluster knows, from {@code GET /jobs/overview}. */
    record Job(String id, String name, String state, long startMillis) {
        boolean running() {
            return List.of("CREATED", "INITIALIZING", "RUNNING", "RESTARTING").contains(state);
        }
    }

    List<Job> jobs() throws IOException {
        Map<String, Object> overview = Json.parseObject(send(HttpRequest.newBuilder(uri("/jobs/overview")).GET()));
        List<Job> jobs = new ArrayList<>();
        for (Object o : (List<?>) overview.get("jobs")) {
            Map<?, ?> j = (Map<?, ?>) o;
            jobs.add(new Job((String) j.get("jid"), (String) j.get("name"), (String) j.get("state"),
                    ((Number) j.get("start-time")).longValue()));
        }
        return jobs;
    }

    boolean finished(String name) throws IOException {
        return jobs().stream().anyMatch(j -> j.name().equals(name) && j.state().equals("FINISHED"));
    }

    Optional<Job> running(String name) throws IOException {
        return jobs().stream().filter(j -> j.running() && j.name().equals(name)).findFirst();
    }

    /** Stops the job with a savepoint in {@code targetDirectory} ({@code POST /jobs/:id/stop}) and returns its path. */
    String stopWithSavepoint(String jobId, String targetDirectory) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("targetDirectory", targetDirectory);
        body.put("drain", false);
        Map<String, Object> trigger = Json.parseObject(send(HttpRequest.newBuilder(uri("/jobs/" + jobId + "/stop"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))));
        String requestId = (String) trigger.get("request-id");
        long deadline = System.nanoTime() + SAVEPOINT_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Object> status = Json.parseObject(send(HttpRequest.newBuilder(
                    uri("/jobs/" + jobId + "/savepoints/" + requestId)).GET()));
            if ("COMPLETED".equals(((Map<?, ?>) status.get("status")).get("id"))) {
                Map<?, ?> operation = (Map<?, ?>) status.get("operation");
                if (operation.get("location") instanceof String location) {
                    return location;
                }
                throw new IOException("stop-with-savepoint of job " + jobId + " failed: " + operation.get("failure-cause"));
            }
            pause();
        }
        throw new IOException("the savepoint of job " + jobId + " did not complete within " + SAVEPOINT_LIMIT.toMinutes() + " min");
    }

    /**
     * How a job's checkpoints go ({@code GET /jobs/:id/checkpoints}): a running job whose checkpoints fail, or
     * stopped completing, is not healthy even though it runs.
     *
     * @param lastCompletedMillis when the latest completed checkpoint was acknowledged, if any completed
     */
    record Checkpoints(long completed, long failed, Optional<Long> lastCompletedMillis) {
    }

    Checkpoints checkpoints(String jobId) throws IOException {
        Map<String, Object> stats = Json.parseObject(send(HttpRequest.newBuilder(uri("/jobs/" + jobId + "/checkpoints")).GET()));
        Map<?, ?> counts = (Map<?, ?>) stats.get("counts");
        Optional<Long> last = Optional.ofNullable((Map<?, ?>) stats.get("latest")).map(l -> (Map<?, ?>) l.get("completed"))
                .map(c -> ((Number) c.get("latest_ack_timestamp")).longValue());
        return new Checkpoints(((Number) counts.get("completed")).longValue(), ((Number) counts.get("failed")).longValue(), last);
    }

    /** Waits until a job of this name runs (a submission is asynchronous). */
    Job awaitRunning(String name, Duration limit) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Job> job = jobs().stream().filter(j -> j.name().equals(name)).reduce((a, b) -> a.startMillis() > b.startMillis() ? a : b);
            if (job.isPresent() && job.get().state().equals("RUNNING")) {
                return job.get();
            }
            if (job.isPresent() && !job.get().running()) {
                throw new IOException("job " + name + " is " + job.get().state() + " on " + baseUrl);
            }
            pause();
        }
        throw new IOException("job " + name + " was not running on " + baseUrl + " within " + limit.toSeconds() + " s");
    }

    private URI uri(String path) {
        return URI.create(baseUrl + "/v1" + path);
    }

    private String send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IOException("Flink REST " + response.request().method() + " " + response.uri() + ": HTTP "
                        + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (java.net.ConnectException e) {
            throw new IOException("cannot reach the Flink cluster at " + baseUrl + " (environment flink.rest_url)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + baseUrl, e);
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
