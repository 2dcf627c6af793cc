package dev.fsc.flink.runner;

import dev.fsc.common.json.Json;
import dev.fsc.common.manifest.JobResult;
import dev.fsc.common.online.BatchTileFill;
import dev.fsc.common.online.ExportedTiles;
import dev.fsc.common.online.HistoryGap;
import dev.fsc.common.online.OnlineStore;
import dev.fsc.common.online.ServedViews;
import dev.fsc.common.online.ViewDescriptor;
import dev.fsc.flink.online.OnlineStores;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code served --store URI}: prints which version of each view readers are served and how far its stream has
 * got, as one JSON object {@code {"view": {"version": ..., "watermark": millis|null}}}.
 *
 * <p>{@code served --store URI --switch FILE... [--retire VIEW...] [--timeout SECONDS]}: waits until the
 * version of each descriptor is warm ({@link ServedViews#warm}), then serves them all and stops serving the
 * retired views, in one write. Exit 0 once served (or already served), 1 when a version is not warm in time.
 *
 * <p>{@code served --store URI --gap FILE... [--margin MILLIS] [--timeout SECONDS]}: waits until the stream of each
 * descriptor's version has caught up with the served version, then prints, as one JSON object
 * {@code {"view": {"from": millis, "until": millis}}}, the {@link HistoryGap} of each view whose stream cannot reach
 * back as far as its readers need (views without one are left out).
 *
 * <p>{@code served --store URI --fill FILE --tiles DIR --from MILLIS --until MILLIS}: writes that gap's tiles from
 * the view's tile tables exported to {@code DIR} ({@code <table>.jsonl}, {@code fsc dataset export --table}) into
 * the version's keys ({@link BatchTileFill}).
 *
 * <p>The CLI's deploy calls this, so it needs neither Redis nor Flink on its own classpath.
 */
final class ServedCommand {
    static final String USAGE = "usage: java -jar fsc-flink-runner.jar served --store URI"
            + " [--switch DESCRIPTOR [...] [--retire VIEW [...]] [--timeout SECONDS]"
            + " | --gap DESCRIPTOR [...] [--margin MILLIS] [--timeout SECONDS]"
            + " | --fill DESCRIPTOR --tiles DIR --from MILLIS --until MILLIS]";
    private static final long POLL_MILLIS = 500;
    private static final long REPORT_MILLIS = 10_000;

    private ServedCommand() {
    }

    static int run(List<String> argList, PrintStream out, PrintStream err) throws Exception {
        String store = null;
        List<String> retired = new ArrayList<>();
        long timeoutSeconds = 600;
        List<String> rest = new ArrayList<>(argList);
        List<String> listed = null; // the list the values after --switch or --retire go to
        List<String> descriptorFiles = new ArrayList<>();
        List<String> gapFiles = new ArrayList<>();
        String fillFile = null;
        String tilesDir = null;
        long marginMillis = 0;
        Long from = null;
        Long until = null;
        while (!rest.isEmpty()) {
            String a = rest.remove(0);
            switch (a) {
                case "--store" -> store = RunArgs.value(rest, a);
                case "--timeout" -> timeoutSeconds = Long.parseLong(RunArgs.value(rest, a));
                case "--switch" -> listed = descriptorFiles;
                case "--retire" -> listed = retired;
                case "--gap" -> listed = gapFiles;
                case "--margin" -> marginMillis = Long.parseLong(RunArgs.value(rest, a));
                case "--fill" -> fillFile = RunArgs.value(rest, a);
                case "--tiles" -> tilesDir = RunArgs.value(rest, a);
                case "--from" -> from = Long.parseLong(RunArgs.value(rest, a));
                case "--until" -> until = Long.parseLong(RunArgs.value(rest, a));
                default -> {
                    if (listed == null || a.startsWith("--")) {
                        throw new RunArgs.UsageException("unexpected argument " + a);
                    }
                    listed.add(a);
                }
            }
        }
        if (store == null) {
            throw new RunArgs.UsageException("served needs --store");
        }
        if (fillFile != null && (tilesDir == null || from == null || until == null)) {
            throw new RunArgs.UsageException("served --fill needs --tiles, --from and --until");
        }
        List<ViewDescriptor> wanted = descriptors(descriptorFiles);
        try (OnlineStore s = OnlineStores.open(store, "deploy")) {
            if (fillFile != null) {
                return fill(s, descriptors(List.of(fillFile)).get(0), Path.of(tilesDir), new HistoryGap(from, until), out);
            }
            if (!gapFiles.isEmpty()) {
                return printGaps(s, descriptors(gapFiles), marginMillis, timeoutSeconds * 1000, out, err);
            }
            if (wanted.isEmpty() && retired.isEmpty()) {
                out.println(Json.write(show(s)).replaceAll("\\n\\s*", " "));
                return JobResult.EXIT_OK;
            }
            return switchWhenWarm(s, wanted, retired, timeoutSeconds * 1000, out, err);
        }
    }

    private static List<ViewDescriptor> descriptors(List<String> files) throws java.io.IOException {
        List<ViewDescriptor> descriptors = new ArrayList<>();
        for (String file : files) {
            descriptors.add(ViewDescriptor.fromJson(Files.readString(Path.of(file))));
        }
        return descriptors;
    }

    private static int fill(OnlineStore store, ViewDescriptor view, Path tiles, HistoryGap gap, PrintStream out) {
        BatchTileFill.Filled filled = BatchTileFill.fill(store, view, new ExportedTiles(view, tiles), gap);
        out.println("filled " + view.view() + " version " + view.version() + " from batch: " + filled.tiles() + " tiles of "
                + filled.entities() + " entities in [" + Instant.ofEpochMilli(gap.from()) + ", " + Instant.ofEpochMilli(gap.until()) + ")");
        return JobResult.EXIT_OK;
    }

    /**
     * Waits until each version has caught up with the served one and, if it has a gap, its stream has passed the gap's
     * end (so it never writes a tile there again); then prints the gaps.
     */
    private static int printGaps(OnlineStore store, List<ViewDescriptor> versions, long marginMillis, long timeoutMillis,
            PrintStream out, PrintStream err) throws InterruptedException {
        long start = System.currentTimeMillis();
        while (true) {
            Map<String, ViewDescriptor> served = ServedViews.served(store);
            Map<String, Object> gaps = new LinkedHashMap<>();
            List<ViewDescriptor> behind = new ArrayList<>();
            for (ViewDescriptor v : ServedViews.unserved(served, versions)) {
                ViewDescriptor old = served.get(v.view());
                if (old == null) {
                    continue; // nothing served: nothing to be as warm as
                }
                boolean caughtUp = ServedViews.caughtUp(store, v, old);
                Optional<HistoryGap> gap = caughtUp ? HistoryGap.of(store, v, old, marginMillis) : Optional.empty();
                boolean pastGap = gap.map(g -> ServedViews.progress(store, v).getAsLong() >= g.until()).orElse(true);
                if (caughtUp && pastGap) {
                    gap.ifPresent(g -> gaps.put(v.view(), new java.util.TreeMap<>(Map.of("from", g.from(), "until", g.until()))));
                } else {
                    behind.add(v);
                }
            }
            if (behind.isEmpty()) {
                out.println(Json.write(new java.util.TreeMap<>(gaps)).replaceAll("\\n\\s*", " "));
                return JobResult.EXIT_OK;
            }
            if (System.currentTimeMillis() - start > timeoutMillis) {
                err.println("error: not caught up after " + (timeoutMillis / 1000) + " s, readers stay on the served versions: "
                        + lag(store, behind, served) + " (is the new version's streaming job running and reading its sources?)");
                return JobResult.EXIT_FAILED;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static Map<String, Object> show(OnlineStore store) {
        Map<String, Object> views = new LinkedHashMap<>();
        ServedViews.served(store).forEach((view, descriptor) -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("version", descriptor.version());
            OptionalLong progress = ServedViews.progress(store, descriptor);
            v.put("watermark", progress.isPresent() ? progress.getAsLong() : null);
            views.put(view, v);
        });
        return views;
    }

    private static int switchWhenWarm(OnlineStore store, List<ViewDescriptor> wanted, List<String> retired, long timeoutMillis,
            PrintStream out, PrintStream err) throws InterruptedException {
        long start = System.currentTimeMillis();
        long nextReport = start + REPORT_MILLIS;
        while (true) {
            Map<String, ViewDescriptor> served = ServedViews.served(store);
            List<ViewDescriptor> switching = ServedViews.unserved(served, wanted);
            List<String> retiring = retired.stream().filter(served::containsKey).toList();
            List<ViewDescriptor> cold = switching.stream()
                    .filter(v -> !ServedViews.warm(store, v, Optional.ofNullable(served.get(v.view())))).toList();
            if (cold.isEmpty()) {
                if (!switching.isEmpty() || !retiring.isEmpty()) {
                    ServedViews.serve(store, switching, retiring);
                }
                switching.forEach(v -> out.println("serving " + v.view() + " version " + v.version()
                        + Optional.ofNullable(served.get(v.view())).map(old -> " (was " + old.version() + ")").orElse("")));
                retiring.forEach(v -> out.println("no longer serving " + v));
                return JobResult.EXIT_OK;
            }
            long now = System.currentTimeMillis();
            if (now - start > timeoutMillis) {
                err.println("error: not warm after " + (timeoutMillis / 1000) + " s, readers stay on the served versions: "
                        + lag(store, cold, served) + " (is the new version's streaming job running and reading its sources?)");
                return JobResult.EXIT_FAILED;
            }
            if (now >= nextReport) {
                out.println("waiting for " + lag(store, cold, served));
                out.flush();
                nextReport = now + REPORT_MILLIS;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static String lag(OnlineStore store, List<ViewDescriptor> cold, Map<String, ViewDescriptor> served) {
        List<String> parts = new ArrayList<>();
        for (ViewDescriptor v : cold) {
            ViewDescriptor old = served.get(v.view());
            OptionalLong theirs = ServedViews.progress(store, old);
            OptionalLong needed = ServedViews.neededFrom(store, v, old, theirs);
            parts.add(v.view() + " version " + v.version() + " at " + watermark(ServedViews.progress(store, v)) + " of "
                    + watermark(theirs) + " (version " + old.version() + ")"
                    + (needed.isEmpty() ? "" : ", its tiles from " + watermark(ServedViews.earliest(store, v)) + " of the needed "
                    + watermark(needed) + " (a topic that no longer holds a whole window needs a backfill)"));
        }
        return String.join("; ", parts);
    }

    private static String watermark(OptionalLong millis) {
        if (millis.isEmpty()) {
            return "no watermark yet";
        }
        long m = millis.getAsLong();
        return m == Long.MAX_VALUE ? "end of input" : m == Long.MIN_VALUE ? "start" : Instant.ofEpochMilli(m).toString();
    }
}
