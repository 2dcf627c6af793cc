package dev.fsc.cli.sample;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** What a run generates: {@code days} days of data from {@code start} (UTC), at a rate, from a seed. */
record GeneratorOptions(LocalDate start, int days, int eventsPerDay, long seed) {
    GeneratorOptions {
        if (days < 1 || eventsPerDay < 1) {
            throw new IllegalArgumentException("days and events per day must be at least 1");
        }
    }

    static final long DAY_MS = Duration.ofDays(1).toMillis();

    long windowStart() {
        return start.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    long windowEnd() {
        return windowStart() + days * DAY_MS;
    }

    long windowLength() {
        return days * DAY_MS;
    }

    /** Events of one stream or batch source over the whole window (before duplicates). */
    long streamEvents() {
        return (long) days * eventsPerDay;
    }
}
