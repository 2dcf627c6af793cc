package dev.fsc.cli.deploy;

import dev.fsc.cli.stream.FlinkProcess;
import dev.fsc.common.json.Json;
import dev.fsc.common.online.HistoryGap;
import dev.fsc.common.online.ViewDescriptor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Moves the readers of the online store to the compiled version of every online view, in one switch, once each
 * new version is warm — its streaming job has caught up with where the served version got to — so a reader
 * never sees a version still filling up nor tiles of two versions merged (the Flink runner's {@code served
 * --switch}; readers keep the old values meanwhile). Views no longer compiled stop being served. Runs after
 * the streaming jobs are (re)started; done once the store serves exactly these versions.
 *
 * <p>A new version whose topic no longer holds a whole window — its retention is shorter than the longest window —
 * never gets warm from its stream alone. Where the batch path runs here ({@code batch}), the tiles its stream cannot
 * rebuild come from batch once it has caught up ({@link BatchHistory}, the runner's {@code served --gap} and
 * {@code --fill}); else the deploy fails at the warm limit and readers stay on the old version.
 *
 * @param descriptors compiled descriptor JSON by view
 * @param retired views an earlier deploy served that are no longer compiled
 * @param workDir where the descriptors are written for the runner
 * @param batch the batch path that fills history gaps, if it runs here
 * @param dedupMargin how long after a stream's first record its tiles may count duplicates (the longest dedup interval)
 */
final class ServeOnlineViews implements DeployAction {
    private static final String LABEL = "served";

    private final Path runnerJar;
    private final Path tmpDir;
    private final String store;
    private final Map<String, String> descriptors;
    private final List<String> retired;
    private final Path workDir;
    private final Duration warmLimit;
    private final Optional<BatchHistory> batch;
    private final Duration dedupMargin;
    private final List<String> outcome = new ArrayList<>();

    ServeOnlineViews(Path runnerJar, Path tmpDir, String store, Map<String, String> descriptors, List<String> retired, Path workDir,
            Duration warmLimit, Optional<BatchHistory> batch, Duration dedupMargin) {
        this.runnerJar = runnerJar;
        this.tmpDir = tmpDir;
        this.store = store;
        this.descriptors = new TreeMap<>(descriptors);
        this.retired = List.copyOf(retired);
        this.workDir = workDir;
        this.warmLimit = warmLimit;
        this.batch = batch;
        this.dedupMargin = dedupMargin;
    }

    @Override
    public List<String> outcome() {
        return List.copyOf(outcome);
    }

    @Override
    public String describe() {
        String views = String.join(", ", descriptors.keySet().stream()
                .map(v -> v + " " + ViewDescriptor.fromJson(descriptors.get(v)).version()).toList());
        return "serve online views " + (views.isEmpty() ? "(none)" : views) + " on " + store + " once warm"
                + (batch.isPresent() && !descriptors.isEmpty() ? " (what their topics no longer hold from batch)" : "")
                + (retired.isEmpty() ? "" : "; stop serving " + String.join(", ", retired));
    }

    @Override
    public boolean isApplied() throws IOException {
        Map<String, ServedVersion> served = served(runnerJar, tmpDir, store);
        for (Map.Entry<String, String> e : descriptors.entrySet()) {
            ServedVersion now = served.get(e.getKey());
            if (now == null || !ViewDescriptor.fromJson(e.getValue()).version().equals(now.version())) {
                return false;
            }
        }
        return retired.stream().noneMatch(served::containsKey);
    }

    @Override
    public void apply() throws IOException {
        Files.createDirectories(workDir);
        Map<String, Path> files = new TreeMap<>();
        for (Map.Entry<String, String> e : descriptors.entrySet()) {
            files.put(e.getKey(), Files.writeString(workDir.resolve(e.getKey() + ".json"), e.getValue(), StandardCharsets.UTF_8));
        }
        if (batch.isPresent() && !files.isEmpty()) {
            fillHistoryGaps(batch.get(), files);
        }
        List<String> args = new ArrayList<>(List.of("served", "--store", store, "--timeout", Long.toString(warmLimit.toSeconds())));
        if (!files.isEmpty()) {
            args.add("--switch");
            files.values().forEach(f -> args.add(f.toString()));
        }
        if (!retired.isEmpty()) {
            args.add("--retire");
            args.addAll(retired);
        }
        StringWriter output = new StringWriter();
        int exit = run(runnerJar, tmpDir, args, new PrintWriter(new Tee(output, new PrintWriter(System.out))),
                Optional.of(warmLimit.plusMinutes(1)));
        if (exit != 0) {
            throw new IOException("readers stay on the versions served before; " + output.toString().strip());
        }
    }

    /** Once the new versions have caught up, the tiles their topics no longer hold, from batch. */
    private void fillHistoryGaps(BatchHistory batch, Map<String, Path> files) throws IOException {
        List<String> args = new ArrayList<>(List.of("served", "--store", store, "--timeout", Long.toString(warmLimit.toSeconds()),
                "--margin", Long.toString(dedupMargin.toMillis()), "--gap"));
        files.values().forEach(f -> args.add(f.toString()));
        StringWriter output = new StringWriter();
        if (run(runnerJar, tmpDir, args, new PrintWriter(new Tee(output, new PrintWriter(System.out))), Optional.of(warmLimit.plusMinutes(1))) != 0) {
            throw new IOException("readers stay on the versions served before; " + output.toString().strip());
        }
        for (Map.Entry<String, Object> gap : Json.parseObject(lastJson(output.toString())).entrySet()) {
            String view = gap.getKey();
            Map<?, ?> range = (Map<?, ?>) gap.getValue();
            HistoryGap missing = new HistoryGap((Long) range.get("from"), (Long) range.get("until"));
            ViewDescriptor descriptor = ViewDescriptor.fromJson(descriptors.get(view));
            PrintWriter shown = new PrintWriter(System.out, true);
            String why = view + " version " + descriptor.version() + ": its topic no longer holds the events of "
                    + Instant.ofEpochMilli(missing.from()) + " .. " + Instant.ofEpochMilli(missing.until()) + " that a whole window needs;"
                    + " those tiles come from batch";
            shown.println("  " + why);
            Path tiles = workDir.resolve("batch-tiles").resolve(view);
            batch.build(descriptor, missing, Files.createDirectories(tiles), shown);
            StringWriter filled = new StringWriter();
            if (run(runnerJar, tmpDir, List.of("served", "--store", store, "--fill", files.get(view).toString(), "--tiles", tiles.toString(),
                    "--from", Long.toString(missing.from()), "--until", Long.toString(missing.until())),
                    new PrintWriter(new Tee(filled, shown)), Optional.of(warmLimit)) != 0) {
                throw new IOException("readers stay on the versions served before; the batch tiles of " + view + " could not be written: "
                        + filled.toString().strip());
            }
            outcome.add(why);
            filled.toString().lines().filter(l -> l.contains("filled ")).map(l -> l.substring(l.indexOf("filled "))).forEach(outcome::add);
        }
    }

    /** The last JSON object the runner printed (its lines carry the {@code [served]} label). */
    private static String lastJson(String output) throws IOException {
        String prefix = "  [" + LABEL + "] ";
        return output.lines().filter(l -> l.startsWith(prefix + "{")).map(l -> l.substring(prefix.length()))
                .reduce((a, b) -> b).orElseThrow(() -> new IOException("the runner printed no JSON: " + output));
    }

    /**
     * What readers are served of one view.
     *
     * @param watermark how far the served version's stream has got (epoch millis), if it reported
     */
    record ServedVersion(String version, Optional<Long> watermark) {
    }

    /** What readers are served per view ({@code served --store}). */
    static Map<String, ServedVersion> served(Path runnerJar, Path tmpDir, String store) throws IOException {
        StringWriter output = new StringWriter();
        if (run(runnerJar, tmpDir, List.of("served", "--store", store), new PrintWriter(output), Optional.of(Duration.ofMinutes(2))) != 0) {
            throw new IOException("could not read the served views of " + store + ": " + output.toString().strip());
        }
        String json = lastJson(output.toString());
        Map<String, ServedVersion> views = new TreeMap<>();
        Json.parseObject(json).forEach((view, v) -> views.put(view, new ServedVersion((String) ((Map<?, ?>) v).get("version"),
                Optional.ofNullable((Long) ((Map<?, ?>) v).get("watermark")))));
        return views;
    }

    /** The runner's lines shown as they come (warming up can take minutes) and kept for the error message. */
    private static final class Tee extends Writer {
        private final Writer kept;
        private final Writer shown;

        Tee(Writer kept, Writer shown) {
            this.kept = kept;
            this.shown = shown;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            kept.write(chars, offset, length);
            shown.write(chars, offset, length);
        }

        @Override
        public void flush() throws IOException {
            shown.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    private static int run(Path runnerJar, Path tmpDir, List<String> args, PrintWriter output, Optional<Duration> limit) throws IOException {
        try {
            return FlinkProcess.start(runnerJar, tmpDir, args, LABEL, output).await(limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while switching the served views", e);
        }
    }
}
