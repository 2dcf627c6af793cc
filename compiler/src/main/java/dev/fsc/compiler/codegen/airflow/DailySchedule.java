package dev.fsc.compiler.codegen.airflow;

import dev.fsc.compiler.model.Dataset;
import dev.fsc.compiler.spec.Located;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the daily DAG runs and how long it may take. All datasets are published by one write–audit–publish
 * step, so the DAG runs at the earliest of their daily schedules, and its time limit is the earliest deadline.
 *
 * @param cron the cron expression of the run (UTC)
 * @param deadline the earliest deadline, {@code HH:MM} UTC
 * @param timeout from the scheduled start to that deadline
 */
record DailySchedule(String cron, Optional<String> deadline, Optional<Duration> timeout) {
    /** Used when no dataset says when to run: after midnight UTC, when the previous day is complete. */
    static final String DEFAULT_CRON = "0 0 * * *";
    /** A daily cron, {@code M H * * *}: the only kind whose deadline can be turned into a time limit. */
    private static final Pattern DAILY = Pattern.compile("(\\d{1,2}) (\\d{1,2}) \\* \\* \\*");

    static DailySchedule of(List<Dataset> datasets) {
        Optional<String> cron = datasets.stream()
                .flatMap(d -> d.spec().schedule().map(Located::value).stream())
                .min(Comparator.comparing((String c) -> timeOfDay(c).orElse(LocalTime.MAX)).thenComparing(c -> c));
        String chosen = cron.orElse(DEFAULT_CRON);
        Optional<LocalTime> start = timeOfDay(chosen);
        Optional<String> deadline = datasets.stream()
                .flatMap(d -> d.spec().deadline().map(Located::value).stream())
                .min(Comparator.comparing(d -> until(start.orElse(LocalTime.MIDNIGHT), LocalTime.parse(d))));
        Optional<Duration> timeout = start.flatMap(s -> deadline.map(d -> until(s, LocalTime.parse(d))));
        return new DailySchedule(chosen, deadline, timeout);
    }

    /** The time of day a daily cron fires, if it is one. */
    static Optional<LocalTime> timeOfDay(String cron) {
        Matcher m = DAILY.matcher(cron.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(LocalTime.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1))));
    }

    /** From a start to the next time the clock shows {@code end}: a deadline equal to the start is a day later. */
    private static Duration until(LocalTime start, LocalTime end) {
        Duration d = Duration.between(start, end);
        return d.isNegative() || d.isZero() ? d.plusDays(1) : d;
    }
}
