package dev.fsc.flink.functions;

import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class FscLastTest {
    private static final LocalDateTime T = LocalDateTime.parse("2026-11-01T10:00:00");

    @Test
    void latestEventWinsTiesGoToTheGreaterValueNullsAreIgnored() {
        FscLast f = new FscLast();
        LastAccumulator acc = f.createAccumulator();
        assertNull(f.getValue(acc));
        f.accumulate(acc, "m", T.plusSeconds(5));
        f.accumulate(acc, "z", T);                 // older
        f.accumulate(acc, null, T.plusSeconds(9)); // NULL value: ignored
        assertEquals(Row.of(T.plusSeconds(5), "m"), f.getValue(acc));
        f.accumulate(acc, "a", T.plusSeconds(5));  // tie, smaller value
        assertEquals(Row.of(T.plusSeconds(5), "m"), f.getValue(acc));
        f.accumulate(acc, "q", T.plusSeconds(5));  // tie, greater value
        assertEquals(Row.of(T.plusSeconds(5), "q"), f.getValue(acc));
    }

    @Test
    void retractingTheWinnerFallsBackToTheRunnerUp() {
        FscLast f = new FscLast();
        LastAccumulator acc = f.createAccumulator();
        f.accumulate(acc, 3L, T);
        f.accumulate(acc, 7L, T.plusSeconds(1));
        f.retract(acc, 7L, T.plusSeconds(1));
        assertEquals(Row.of(T, 3L), f.getValue(acc));
        f.retract(acc, 3L, T);
        assertNull(f.getValue(acc));
    }

    @Test
    void mergeKeepsEveryCandidate() {
        FscLast f = new FscLast();
        LastAccumulator a = f.createAccumulator();
        LastAccumulator b = f.createAccumulator();
        f.accumulate(a, 1, T);
        f.accumulate(b, 2, T.plusSeconds(2));
        f.merge(a, List.of(b));
        assertEquals(Row.of(T.plusSeconds(2), 2), f.getValue(a));
        f.retract(a, 2, T.plusSeconds(2));
        assertEquals(Row.of(T, 1), f.getValue(a));
    }
}
