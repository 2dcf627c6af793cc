package dev.fsc.cli.backfill;

import dev.fsc.common.json.Json;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything a backfill must remember to be resumed by another process: what it recomputes, each chunk of
 * days and how it went, and the publish journal (which tables main was already fast-forwarded on). Written to
 * {@code .fsc/backfills/<id>/state.json} after every change, atomically.
 *
 * @param target what was asked for: {@code all}, {@code view:<name>}, {@code dataset:<name>} or {@code plan}
 * @param steps the job's steps the backfill runs (the target's and everything they read)
 * @param chunks the days, in order, in chunks that run as one job each
 * @param published publish journal: table → main's snapshot id after its fast-forward
 * @param runnerPid the Spark runner this backfill last started (a killed CLI can leave it running)
 */
public record BackfillState(String id, String project, String planHash, String target, List<String> steps,
        int parallelism, Status status, Optional<String> message, List<Chunk> chunks, Map<String, Long> published,
        Optional<Long> runnerPid) {

    /** Where a backfill stands. */
    public enum Status {
        /** chunks are being (or were, until a kill) computed */
        RUNNING,
        /** a chunk failed (a step, or a quality gate): resume after fixing */
        FAILED,
        /** every chunk done on the branch, waiting for {@code fsc backfill publish} */
        READY,
        /** main is being fast-forwarded table by table; a kill here is finished by publish or resume */
        PUBLISHING,
        PUBLISHED,
        ABORTED;

        String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A chunk of days run as one job. */
    public record Chunk(LocalDate from, LocalDate to, ChunkStatus status, long rows, double seconds, Optional<String> message) {
        public int days() {
            return (int) (to.toEpochDay() - from.toEpochDay()) + 1;
        }

        public String name() {
            return from.equals(to) ? from.toString() : from + "_" + to;
        }

        Chunk done(long rowsWritten, double took) {
            return new Chunk(from, to, ChunkStatus.DONE, rowsWritten, took, Optional.empty());
        }

        Chunk pending() {
            return new Chunk(from, to, ChunkStatus.PENDING, 0, 0, Optional.empty());
        }

        Chunk failed(String why) {
            return new Chunk(from, to, ChunkStatus.FAILED, 0, 0, Optional.of(why));
        }
    }

    /** A chunk's state. */
    public enum ChunkStatus { PENDING, DONE, FAILED }

    public BackfillState {
        steps = List.copyOf(steps);
        chunks = List.copyOf(chunks);
        published = Map.copyOf(published);
    }

    /** The branch every table of this backfill is written on. */
    public String branch() {
        return "backfill-" + id;
    }

    /** The tag a published backfill leaves on each dataset it rewrote: readers can pin exactly this build. */
    public String tag() {
        return "backfill-" + id + "-published";
    }

    public LocalDate from() {
        return chunks.get(0).from();
    }

    public LocalDate to() {
        return chunks.get(chunks.size() - 1).to();
    }

    public int totalDays() {
        return chunks.stream().mapToInt(Chunk::days).sum();
    }

    public int doneDays() {
        return chunks.stream().filter(c -> c.status() == ChunkStatus.DONE).mapToInt(Chunk::days).sum();
    }

    public long rows() {
        return chunks.stream().mapToLong(Chunk::rows).sum();
    }

    public List<Chunk> unfinished() {
        return chunks.stream().filter(c -> c.status() != ChunkStatus.DONE).toList();
    }

    BackfillState with(Status newStatus, Optional<String> newMessage) {
        return new BackfillState(id, project, planHash, target, steps, parallelism, newStatus, newMessage, chunks, published,
                runnerPid);
    }

    BackfillState withChunk(Chunk chunk) {
        List<Chunk> all = new ArrayList<>(chunks);
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).from().equals(chunk.from())) {
                all.set(i, chunk);
            }
        }
        return new BackfillState(id, project, planHash, target, steps, parallelism, status, message, all, published, runnerPid);
    }

    BackfillState withPublished(String table, long snapshot) {
        Map<String, Long> all = new TreeMap<>(published);
        all.put(table, snapshot);
        return new BackfillState(id, project, planHash, target, steps, parallelism, status, message, chunks, all, runnerPid);
    }

    BackfillState withRunner(Optional<Long> pid) {
        return new BackfillState(id, project, planHash, target, steps, parallelism, status, message, chunks, published, pid);
    }

    String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("project", project);
        json.put("plan_hash", planHash);
        json.put("target", target);
        json.put("branch", branch());
        json.put("steps", new ArrayList<Object>(steps));
        json.put("parallelism", (long) parallelism);
        json.put("status", status.text());
        message.ifPresent(m -> json.put("message", m));
        json.put("days", Map.of("from", from().toString(), "to", to().toString(), "done", (long) doneDays(),
                "total", (long) totalDays()));
        List<Object> chunkList = new ArrayList<>();
        for (Chunk c : chunks) {
            Map<String, Object> chunk = new LinkedHashMap<>();
            chunk.put("from", c.from().toString());
            chunk.put("to", c.to().toString());
            chunk.put("status", c.status().name().toLowerCase(java.util.Locale.ROOT));
            chunk.put("rows", c.rows());
            chunk.put("seconds", c.seconds());
            c.message().ifPresent(m -> chunk.put("message", m));
            chunkList.add(chunk);
        }
        json.put("chunks", chunkList);
        json.put("published", new TreeMap<String, Object>(published));
        runnerPid.ifPresent(p -> json.put("runner_pid", p));
        return Json.write(json) + "\n";
    }

    @SuppressWarnings("unchecked")
    static BackfillState fromJson(String text) {
        Map<String, Object> json = Json.parseObject(text);
        List<Chunk> chunks = new ArrayList<>();
        for (Object o : (List<Object>) json.get("chunks")) {
            Map<String, Object> c = (Map<String, Object>) o;
            chunks.add(new Chunk(LocalDate.parse((String) c.get("from")), LocalDate.parse((String) c.get("to")),
                    ChunkStatus.valueOf(((String) c.get("status")).toUpperCase(java.util.Locale.ROOT)), (Long) c.get("rows"),
                    ((Number) c.get("seconds")).doubleValue(), Optional.ofNullable((String) c.get("message"))));
        }
        Map<String, Long> published = new TreeMap<>();
        ((Map<String, Object>) json.get("published")).forEach((t, s) -> published.put(t, (Long) s));
        return new BackfillState((String) json.get("id"), (String) json.get("project"), (String) json.get("plan_hash"),
                (String) json.get("target"), ((List<Object>) json.get("steps")).stream().map(String.class::cast).toList(),
                ((Long) json.get("parallelism")).intValue(),
                Status.valueOf(((String) json.get("status")).toUpperCase(java.util.Locale.ROOT)),
                Optional.ofNullable((String) json.get("message")), chunks, published,
                Optional.ofNullable((Long) json.get("runner_pid")));
    }

    /** The days {@code from..to} in chunks of {@code chunkDays}. */
    static List<Chunk> chunk(LocalDate from, LocalDate to, int chunkDays) {
        List<Chunk> chunks = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(chunkDays)) {
            LocalDate end = d.plusDays(chunkDays - 1L);
            chunks.add(new Chunk(d, end.isAfter(to) ? to : end, ChunkStatus.PENDING, 0, 0, Optional.empty()));
        }
        return chunks;
    }
}
