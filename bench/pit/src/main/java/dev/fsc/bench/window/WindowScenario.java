package dev.fsc.bench.window;

import java.nio.file.Path;

/**
 * One windowed-backfill case: {@code keys} keys, each with events at a steady rate of about
 * {@code eventsPerWindow} per window W = 1 h, over {@code hours} hours (the same hours for every key), and every
 * {@code probeEvery}-th event also a probe (a training row asking for the window's sum and count at its time).
 *
 * @param events rows on the event side (keys = events / (eventsPerWindow * hours))
 * @param hours how long every key is active
 * @param eventsPerWindow events per key per window, i.e. rows in one window frame
 * @param probeEvery one probe per this many events
 */
public record WindowScenario(long events, int hours, int eventsPerWindow, int probeEvery) implements java.io.Serializable {

    /** The window W, in minutes; a multiple of the tile. */
    public static final int WINDOW_MINUTES = 60;

    /** The tile g, as a {@code date_trunc} unit (one minute, as fsc's 1m tiles). */
    public static final String TILE_UNIT = "MINUTE";

    /** Seed of every generated value; change it and the data are regenerated. */
    public static final long SEED = 20261122L;

    public WindowScenario {
        if (events % ((long) eventsPerWindow * hours) != 0 || events < (long) eventsPerWindow * hours) {
            throw new IllegalArgumentException("events must be a positive multiple of eventsPerWindow * hours ("
                    + (long) eventsPerWindow * hours + ")");
        }
    }

    public long keys() {
        return events / ((long) eventsPerWindow * hours);
    }

    public long probes() {
        return (events + probeEvery - 1) / probeEvery;
    }

    public String name() {
        return String.format("%,d events", events);
    }

    public Path eventsDir(Path data) {
        return data.resolve("events-" + events + "-h" + hours + "-w" + eventsPerWindow + "-s" + SEED);
    }

    public Path probesDir(Path data) {
        return data.resolve("probes-every" + probeEvery + "-of-" + eventsDir(data).getFileName());
    }
}
