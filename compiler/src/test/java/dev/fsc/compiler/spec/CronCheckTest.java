package dev.fsc.compiler.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CronCheckTest {

    private static void valid(String cron) {
        assertEquals(Optional.empty(), CronCheck.problem(cron), "`" + cron + "` is valid");
    }

    private static String problem(String cron) {
        return CronCheck.problem(cron).orElseThrow(() -> new AssertionError("`" + cron + "` must be rejected"));
    }

    @Test
    void acceptsCommonSchedules() {
        valid("0 5 * * *");
        valid("*/15 * * * *");
        valid("0 0 1 1 *");
        valid("59 23 31 12 7");
        valid("0,30 8-18 * * 1-5");
        valid("1-30/2 * * * *");
        valid("0 6 * * MON-FRI");
        valid("0 6 1 JAN *");
    }

    @Test
    void presetsAreLeftToTheSchema() {
        valid("@daily");
    }

    @Test
    void rejectsAnHourOutOfRange() {
        assertEquals("hour 24 is outside 0-23", problem("0 24 * * *"));
    }

    @Test
    void rejectsAMinuteOutOfRange() {
        assertEquals("minute 60 is outside 0-59", problem("60 5 * * *"));
    }

    @Test
    void rejectsDayOfMonthZero() {
        assertEquals("day of month 0 is outside 1-31", problem("0 5 0 * *"));
    }

    @Test
    void rejectsMonthThirteenAndWeekdayEight() {
        assertEquals("month 13 is outside 1-12", problem("0 5 * 13 *"));
        assertEquals("day of week 8 is outside 0-7", problem("0 5 * * 8"));
    }

    @Test
    void rejectsOutOfRangeBoundInsideAListOrRange() {
        assertEquals("hour 25 is outside 0-23", problem("0 1,25 * * *"));
        assertEquals("hour 24 is outside 0-23", problem("0 9-24 * * *"));
    }

    @Test
    void countsTheFields() {
        assertEquals("expected 5 fields, found 4", problem("0 5 * *"));
        assertEquals("expected 5 fields, found 6", problem("0 5 * * * *"));
    }

    @Test
    void rejectsAZeroOrNonNumericStep() {
        assertTrue(problem("*/0 * * * *").startsWith("bad step `*/0`"));
        assertTrue(problem("*/x * * * *").contains("minute"));
    }

    @Test
    void namesAreOnlyAllowedForMonthAndWeekday() {
        assertEquals("`MON` is not a number or range in the hour field", problem("0 MON * * *"));
    }

    @Test
    void rejectsUnknownMonthAndWeekdayNames() {
        assertTrue(CronCheck.problem("0 5 * FOO *").isPresent());
        assertTrue(CronCheck.problem("0 5 * * XYZ").isPresent());
    }

    @Test
    void numberBeyondIntIsAProblemNotACrash() {
        assertEquals("`99999999999` is not a number or range in the hour field", problem("0 99999999999 * * *"));
    }
}
