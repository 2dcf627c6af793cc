package dev.fsc.cli.deploy;

import dev.fsc.cli.stream.FlinkProcess;
import dev.fsc.common.json.Json;
import dev.fsc.common.online.ViewDescriptor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * @param descriptors compiled descriptor JSON by view
 * @param retired views an earlier deploy served that are no longer compiled
 * @param workDir where the descriptors are written for the runner
 */
record ServeOnlineViews(Path runnerJar, Path tmpDir, String store, Map<String, String> descriptors, List<String> retired,
        Path workDir, Duration warmLimit) implements DeployAction {
    private static final String LABEL = "served";

    @Override
    public String describe() {
        String views = String.join(", ", descriptors.keySet().stream()
                .map(v -> v + " " + ViewDescriptor.fromJson(descriptors.get(v)).version()).toList());
        return "serve online views " + (views.isEmpty() ? "(none)" : views) + " on " + store + " once warm"
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
        List<String> args = new ArrayList<>(List.of("served", "--store", store, "--timeout", Long.toString(warmLimit.toSeconds())));
        if (!descriptors.isEmpty()) {
            args.add("--switch");
            for (Map.Entry<String, String> e : descriptors.entrySet()) {
                Path file = workDir.resolve(e.getKey() + ".json");
                Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
                args.add(file.toString());
            }
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
        String prefix = "  [" + LABEL + "] ";
        String json = output.toString().lines().filter(l -> l.startsWith(prefix + "{")).map(l -> l.substring(prefix.length()))
                .reduce((a, b) -> b).orElseThrow(() -> new IOException("the runner printed no served views: " + output));
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
