package dev.fsc.cli.sample;

import dev.fsc.compiler.model.Source;
import dev.fsc.compiler.spec.Durations;
import dev.fsc.compiler.spec.Located;
import dev.fsc.compiler.spec.SourceSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A stream or batch source as JSON lines: the source's columns plus {@code _arrival_time}, sorted by
 * arrival (the order a log replays in). Most events arrive seconds after their event time; some later
 * and out of order; about 1% beyond the source's {@code lateness} (and a few exactly at it, which is
 * not late); about 2% are sent twice with the same dedup key, a few of the copies beyond
 * {@code dedup.within} so they count as new events.
 */
final class StreamWriter {
    static final double LATE_SHARE = 0.01;
    static final double DUPLICATE_SHARE = 0.02;
    static final double DELAYED_SHARE = 0.04;

    private enum Delay { NORMAL, DELAYED, BOUNDARY, LATE }

    private record Line(Object[] row, long event, long arrival, int seq) {
    }

    private final GeneratorOptions options;

    StreamWriter(GeneratorOptions options) {
        this.options = options;
    }

    FileReport write(Source source, RowFactory factory, Path file, String shownPath) {
        SourceSpec spec = source.spec();
        SplittableRandom rng = Draw.random(options.seed(), "stream:" + source.name());
        int eventTime = factory.eventTimeIndex();
        long lateness = eventTime < 0 ? -1 : spec.lateness().map(l -> l.value().toMillis()).orElse(-1L);
        long within = spec.dedup().map(d -> d.within().value().toMillis()).orElse(-1L);

        long[] times = new long[(int) options.streamEvents()];
        for (int i = 0; i < times.length; i++) {
            int day = i / options.eventsPerDay();
            times[i] = options.windowStart() + day * GeneratorOptions.DAY_MS + rng.nextLong(GeneratorOptions.DAY_MS);
        }
        Arrays.sort(times);
        List<Object[]> rows = new ArrayList<>(times.length);
        long[] events = new long[times.length];
        for (int i = 0; i < times.length; i++) {
            Object[] row = factory.create(rng, times[i], -1, false);
            rows.add(row);
            events[i] = eventTime >= 0 ? ((Instant) row[eventTime]).toEpochMilli() : times[i];
        }

        int n = rows.size();
        Delay[] kinds = new Delay[n];
        Arrays.fill(kinds, Delay.NORMAL);
        int[] order = java.util.stream.IntStream.range(0, n).toArray();
        shuffle(order, rng);
        int at = 0;
        if (lateness >= 0) {
            at = assign(kinds, order, at, Math.max(1, Math.round(n * LATE_SHARE * jitter(rng))), Delay.LATE);
            at = assign(kinds, order, at, Math.max(2, Math.round(n * 0.001)), Delay.BOUNDARY);
        }
        assign(kinds, order, at, Math.round(n * DELAYED_SHARE * jitter(rng)), Delay.DELAYED);
        long normalCap = lateness > 0 ? Math.min(lateness / 4, 30_000) : 30_000;
        long delayedMax = lateness > 0 ? Math.max(lateness / 2, 1) : 300_000;
        boolean firstLate = true;
        List<Line> lines = new ArrayList<>(n + n / 40);
        long[] arrivals = new long[n];
        for (int i = 0; i < n; i++) {
            long delay = switch (kinds[i]) {
                case NORMAL -> Math.min(normalCap, 50 + Draw.exponential(rng, 1_500));
                case DELAYED -> Draw.between(rng, Math.min(10_000, delayedMax), delayedMax);
                case BOUNDARY -> lateness;
                case LATE -> lateness + (firstLate ? 1 : Draw.between(rng, 1_000, 2 * 3_600_000L));
            };
            firstLate &= kinds[i] != Delay.LATE;
            arrivals[i] = events[i] + delay;
            lines.add(new Line(rows.get(i), events[i], arrivals[i], i));
        }
        if (within >= 0) {
            int[] normal = java.util.stream.IntStream.range(0, n).filter(i -> kinds[i] == Delay.NORMAL).toArray();
            int copies = (int) Math.min(normal.length, Math.max(1, Math.round(n * DUPLICATE_SHARE * jitter(rng))));
            int[] chosen = Draw.pick(rng, normal.length, copies);
            int[] beyond = Draw.pick(rng, copies, Math.max(1, Math.round(copies * 0.1f)));
            long copyMax = Math.max(200, Math.min(60_000, within / 2));
            if (lateness > 0) {
                copyMax = Math.max(1, Math.min(copyMax, lateness / 2));
            }
            for (int c = 0; c < copies; c++) {
                int i = normal[chosen[c]];
                long delay = Arrays.binarySearch(beyond, c) >= 0
                        ? within + Draw.between(rng, 1_000, 30 * 60_000L)
                        : Draw.between(rng, Math.min(200, copyMax), copyMax);
                lines.add(new Line(rows.get(i), events[i], arrivals[i] + delay, n + c));
            }
        }
        lines.sort(Comparator.comparingLong(Line::arrival).thenComparingInt(Line::seq));

        List<String> names = factory.columnNames();
        try (LineFile out = new LineFile(file)) {
            StringBuilder text = new StringBuilder(256);
            for (Line line : lines) {
                text.setLength(0);
                text.append('{');
                for (int c = 0; c < names.size(); c++) {
                    JsonOut.string(text, names.get(c));
                    text.append(':');
                    JsonOut.value(text, line.row()[c], JsonOut.Style.FILE);
                    text.append(',');
                }
                text.append("\"_arrival_time\":");
                JsonOut.string(text, JsonOut.timestamp(line.arrival()));
                text.append('}');
                out.line(text);
            }
            out.commit();
        }
        return report(source, factory, lines, n, lateness, within, shownPath);
    }

    /** Spreads the planted shares a little (0.8x to 1.2x), so files do not all hold the same counts. */
    private static double jitter(SplittableRandom rng) {
        return 0.8 + 0.4 * rng.nextDouble();
    }

    private static void shuffle(int[] values, SplittableRandom rng) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    private static int assign(Delay[] kinds, int[] order, int from, long count, Delay kind) {
        int to = (int) Math.min(order.length, from + count);
        for (int i = from; i < to; i++) {
            kinds[order[i]] = kind;
        }
        return to;
    }

    /** Counts what the file holds, the way a consumer would see it. */
    private static FileReport report(Source source, RowFactory factory, List<Line> lines, int events, long lateness,
                                     long within, String shownPath) {
        SourceSpec spec = source.spec();
        List<String> names = factory.columnNames();
        long late = 0;
        long boundary = 0;
        long outOfOrder = 0;
        long maxEvent = Long.MIN_VALUE;
        long duplicates = 0;
        long beyond = 0;
        int[] dedupColumns = spec.dedup().map(d -> d.key().stream().map(Located::value).mapToInt(names::indexOf).toArray())
                .orElse(new int[0]);
        Map<List<Object>, Long> firstArrival = new HashMap<>();
        long[] nulls = new long[names.size()];
        for (Line line : lines) {
            long lag = line.arrival() - line.event();
            if (lateness >= 0 && lag > lateness) {
                late++;
            } else if (lateness >= 0 && lag == lateness) {
                boundary++;
            }
            if (line.event() < maxEvent) {
                outOfOrder++;
            }
            maxEvent = Math.max(maxEvent, line.event());
            if (within >= 0) {
                List<Object> key = new ArrayList<>();
                for (int c : dedupColumns) {
                    key.add(line.row()[c]);
                }
                Long first = firstArrival.get(key);
                if (first != null && line.arrival() - first <= within) {
                    duplicates++;
                } else {
                    if (first != null) {
                        beyond++;
                    }
                    firstArrival.put(key, line.arrival());
                }
            }
            for (int c = 0; c < nulls.length; c++) {
                if (line.row()[c] == null) {
                    nulls[c]++;
                }
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("events", (long) events);
        spec.dedup().ifPresent(d -> {
            Map<String, Object> dedup = new LinkedHashMap<>();
            dedup.put("key", d.key().stream().map(Located::value).toList());
            dedup.put("within", Durations.format(d.within().value()));
            details.put("dedup", dedup);
        });
        if (within >= 0) {
            details.put("duplicates", duplicates);
            details.put("duplicates_beyond_within", beyond);
        }
        if (lateness >= 0) {
            details.put("lateness", Durations.format(spec.lateness().get().value()));
            details.put("late", late);
            details.put("at_lateness_boundary", boundary);
        }
        details.put("out_of_order", outOfOrder);
        Map<String, Object> nullCounts = new LinkedHashMap<>();
        for (int c = 0; c < nulls.length; c++) {
            if (nulls[c] > 0) {
                nullCounts.put(names.get(c), nulls[c]);
            }
        }
        details.put("nulls", nullCounts);
        if (factory.unsatisfied() > 0) {
            details.put("rows_failing_checks", (long) factory.unsatisfied());
        }
        return new FileReport(source.name(), spec.type().value().name().toLowerCase(), shownPath, lines.size(), details);
    }
}
