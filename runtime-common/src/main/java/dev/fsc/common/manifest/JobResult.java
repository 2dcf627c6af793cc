package dev.fsc.common.manifest;

import dev.fsc.common.json.Json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a runtime reports after running a {@link JobManifest} ({@code --result <file>}): the second
 * half of the compiler/CLI ↔ runtime contract. The CLI reads it instead of scraping output.
 *
 * <p>Invariants: {@code exitCode} agrees with {@code status} ({@link #exitCodeOf}); steps are in
 * execution order, one per manifest step when the manifest could be read; identity fields are empty
 * strings only when it could not.
 *
 * @param formatVersion {@link #FORMAT_VERSION}
 * @param project manifest's project ("" if the manifest could not be read)
 * @param job manifest's job ("" if unknown)
 * @param planHash manifest's plan hash ("" if unknown)
 * @param status overall outcome
 * @param exitCode the runtime process's exit code
 * @param message one-line summary of what went wrong (absent when ok)
 * @param startSeconds time to start the engine (Spark session, Flink cluster), 0 if never started
 * @param seconds total wall time of the run
 * @param steps per-step outcomes, in execution order
 */
public record JobResult(
        int formatVersion,
        String project,
        String job,
        String planHash,
        Status status,
        int exitCode,
        Optional<String> message,
        double startSeconds,
        double seconds,
        List<StepResult> steps) {

    /** The result format this code reads and writes. */
    public static final int FORMAT_VERSION = 1;

    /** Exit code: all steps ran, every error check passed, publication done. */
    public static final int EXIT_OK = 0;
    /** Exit code: a step failed (bad SQL, bad data) or an error check found failures. */
    public static final int EXIT_FAILED = 1;
    /** Exit code: bad command line, or a manifest file that cannot be read or breaks the contract. */
    public static final int EXIT_USAGE = 2;
    /** Exit code: a bug or environment problem in the runtime itself (see its log). */
    public static final int EXIT_INTERNAL = 3;

    /** Overall outcome of a run. */
    public enum Status {
        OK, FAILED, INVALID, ERROR;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What happened to one step. */
    public enum StepStatus {
        /** Ran; for a CHECK, found no failures. */
        OK,
        /** SQL/PUBLISH: a statement failed. CHECK: its query failed, or (severity error) it found failures. */
        FAILED,
        /** A warn CHECK found failures. */
        WARNED,
        /** A PUBLISH step held back because an error check failed. */
        SKIPPED,
        /** Never reached: an earlier step failed. */
        NOT_RUN;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The exit code a runtime must use for a status. */
    public static int exitCodeOf(Status status) {
        return switch (status) {
            case OK -> EXIT_OK;
            case FAILED -> EXIT_FAILED;
            case INVALID -> EXIT_USAGE;
            case ERROR -> EXIT_INTERNAL;
        };
    }

    public JobResult {
        if (formatVersion != FORMAT_VERSION) {
            throw new ManifestException("formatVersion: this fsc reads result format " + FORMAT_VERSION
                    + ", the file has " + formatVersion);
        }
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(planHash, "planHash");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        if (exitCode != exitCodeOf(status)) {
            throw new ManifestException("exitCode: " + exitCode + " does not match status " + status);
        }
        steps = List.copyOf(steps);
    }

    /** The result of one step. */
    public Optional<StepResult> step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /**
     * One step's outcome.
     *
     * @param id the step's id
     * @param kind the step's kind
     * @param status what happened
     * @param seconds wall time (0 if not run)
     * @param rows SQL: rows written, when the engine reports it; CHECK: number of failure rows
     * @param rowsWritten SQL: rows written per table (catalog-relative name), where known
     * @param snapshots PUBLISH: the snapshot id main now points at, per table
     * @param failures CHECK: the failure rows' messages (at most {@link #MAX_FAILURES})
     * @param error FAILED SQL/CHECK/PUBLISH: the engine's error message
     * @param statement FAILED: 1-based index of the statement that failed
     */
    public record StepResult(
            String id,
            JobManifest.Kind kind,
            StepStatus status,
            double seconds,
            Optional<Long> rows,
            Map<String, Long> rowsWritten,
            Map<String, Long> snapshots,
            List<String> failures,
            Optional<String> error,
            Optional<Integer> statement) {

        /** How many check failure messages a result keeps per step. */
        public static final int MAX_FAILURES = 100;

        public StepResult {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(rows, "rows");
            rowsWritten = Collections.unmodifiableMap(new LinkedHashMap<>(rowsWritten));
            snapshots = Collections.unmodifiableMap(new LinkedHashMap<>(snapshots));
            failures = List.copyOf(failures);
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(statement, "statement");
        }

        /** A step that never ran. */
        public static StepResult notRun(JobManifest.Step step, StepStatus status) {
            return new StepResult(step.id(), step.kind(), status, 0, Optional.empty(), Map.of(), Map.of(),
                    List.of(), Optional.empty(), Optional.empty());
        }
    }

    // ---------------------------------------------------------------- JSON

    /** Deterministic JSON (2-space indent, fixed field order, trailing newline). */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("formatVersion", (long) formatVersion);
        root.put("project", project);
        root.put("job", job);
        root.put("planHash", planHash);
        root.put("status", status.toString());
        root.put("exitCode", (long) exitCode);
        message.ifPresent(m -> root.put("message", m));
        root.put("startSeconds", startSeconds);
        root.put("seconds", seconds);
        List<Object> list = new ArrayList<>();
        for (StepResult s : steps) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("kind", s.kind().toString());
            m.put("status", s.status().toString());
            m.put("seconds", s.seconds());
            s.rows().ifPresent(r -> m.put("rows", r));
            if (!s.rowsWritten().isEmpty()) {
                m.put("rowsWritten", new LinkedHashMap<>(s.rowsWritten()));
            }
            if (!s.snapshots().isEmpty()) {
                m.put("snapshots", new LinkedHashMap<>(s.snapshots()));
            }
            if (!s.failures().isEmpty()) {
                m.put("failures", new ArrayList<Object>(s.failures()));
            }
            s.error().ifPresent(e -> m.put("error", e));
            s.statement().ifPresent(i -> m.put("statement", (long) i));
            list.add(m);
        }
        root.put("steps", list);
        return Json.write(root) + "\n";
    }

    /**
     * Reads a result file.
     *
     * @throws ManifestException on malformed JSON or a broken invariant
     */
    public static JobResult fromJson(String json) {
        Fields root = Fields.root(json);
        int version = root.intValue("formatVersion");
        String project = root.string("project");
        String job = root.string("job");
        String planHash = root.string("planHash");
        Status status = root.enumValue("status", Status.class);
        int exitCode = root.intValue("exitCode");
        Optional<String> message = root.optionalString("message");
        double startSeconds = root.decimal("startSeconds").doubleValue();
        double seconds = root.decimal("seconds").doubleValue();
        List<StepResult> steps = new ArrayList<>();
        for (Fields f : root.objects("steps")) {
            StepResult s = new StepResult(
                    f.string("id"),
                    f.enumValue("kind", JobManifest.Kind.class),
                    f.enumValue("status", StepStatus.class),
                    f.decimal("seconds").doubleValue(),
                    f.optionalLong("rows"),
                    f.longMap("rowsWritten"),
                    f.longMap("snapshots"),
                    f.strings("failures"),
                    f.optionalString("error"),
                    f.optionalLong("statement").map(Long::intValue));
            f.done();
            steps.add(s);
        }
        root.done();
        return new JobResult(version, project, job, planHash, status, exitCode, message, startSeconds, seconds, steps);
    }
}
