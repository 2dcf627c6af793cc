package dev.fsc.e2e.oracle;

import java.time.LocalDate;

/** The days {@code from..to} of a run (docs/batch-semantics.md §1), both inclusive. */
record DayRange(LocalDate from, LocalDate to) {
    DayRange {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to " + to + " is before from " + from);
        }
    }

    boolean contains(long millis) {
        LocalDate day = Times.day(millis);
        return !day.isBefore(from) && !day.isAfter(to);
    }

    boolean isAfterLastDay(long millis) {
        return Times.day(millis).isAfter(to);
    }

    /** end(to): the first instant after the last day. */
    long end() {
        return Times.startOf(to.plusDays(1));
    }
}
