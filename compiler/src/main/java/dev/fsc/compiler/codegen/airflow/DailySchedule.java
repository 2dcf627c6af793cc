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
 * When a daily DAG runs and how long it may take: its cron, and the time from its start to the earliest
 * deadline of the datasets it serves.
 *
 * @param cron the cron expression of the run (UTC)
 * @param deadline the earliest deadline, {@code HH:MM} UTC
 * @param timeout from the scheduled start to that deadline
 */
record DailySchedule(String cron, Optional<String> deadline, Optional<Duration> timeout) {
    /**
     * The features DAG's, and a dataset's without a schedule: after midnight UTC, when the previous day is
     * complete (its sensors wait for the sources' data).
     */
    static final String DEFAULT_CRON = "0 0 * * *";
    /** A cron firing at one fixed time of day, {@code M H ...}: its deadline can be turned into a time limit. */
    private static final Pattern FIXED_TIME = Pattern.compile("(\\d{1,2}) (\\d{1,2}) \\S+ \\S+ \\S+");

    /** The schedule of a DAG run on {@code cron} that serves {@code datasets}. */
    static DailySchedule of(String cron, List<Dataset> datasets) {
        Optional<LocalTime> start = timeOfDay(cron);
        Optional<String> deadline = datasets.stream()
                .flatMap(d -> d.spec().deadline().map(Located::value).stream())
                .min(Comparator.comparing(d -> until(start.orElse(LocalTime.MIDNIGHT), LocalTime.parse(d))));
        Optional<Duration> timeout = start.flatMap(s -> deadline.map(d -> until(s, LocalTime.parse(d))));
        return new DailySchedule(cron, deadline, timeout);
    }

    /** A dataset's cron, or the default. */
    static String cron(Dataset dataset) {
        return dataset.spec().schedule().map(Located::value).map(String::strip).orElse(DEFAULT_CRON);
    }

    /** The time of day a cron fires, if it fires at one fixed time (daily, or on some days). */
    static Optional<LocalTime> timeOfDay(String cron) {
        Matcher m = FIXED_TIME.matcher(cron.strip());
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
