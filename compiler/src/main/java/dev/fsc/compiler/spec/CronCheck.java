package dev.fsc.compiler.spec;

import java.util.Optional;

/** Checks the ranges of a 5-field cron expression (the schema checks only its shape). */
final class CronCheck {
    private static final String[] FIELDS = {"minute", "hour", "day of month", "month", "day of week"};
    private static final int[] MIN = {0, 0, 1, 1, 0};
    private static final int[] MAX = {59, 23, 31, 12, 7};
    private static final java.util.List<String> MONTHS =
            java.util.List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final java.util.List<String> WEEKDAYS = java.util.List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private CronCheck() {
    }

    static Optional<String> problem(String cron) {
        if (cron.startsWith("@")) {
            return Optional.empty();
        }
        String[] parts = cron.trim().split("\\s+");
        if (parts.length != 5) {
            return Optional.of("expected 5 fields, found " + parts.length);
        }
        for (int i = 0; i < 5; i++) {
            for (String item : parts[i].split(",")) {
                Optional<String> problem = itemProblem(item, i);
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> itemProblem(String item, int field) {
        String[] stepParts = item.split("/", -1);
        if (stepParts.length > 2 || (stepParts.length == 2 && !stepParts[1].matches("[1-9][0-9]*"))) {
            return Optional.of("bad step `" + item + "` in the " + FIELDS[field] + " field");
        }
        String range = stepParts[0];
        if (range.equals("*")) {
            return Optional.empty();
        }
        for (String bound : range.split("-", -1)) {
            if (field == 3 && MONTHS.contains(bound.toUpperCase()) || field == 4 && WEEKDAYS.contains(bound.toUpperCase())) {
                continue; // JAN, MON: names are allowed for month and weekday
            }
            if (!bound.matches("[0-9]{1,4}")) {
                return Optional.of("`" + item + "` is not a number or range in the " + FIELDS[field] + " field");
            }
            int value = Integer.parseInt(bound);
            if (value < MIN[field] || value > MAX[field]) {
                return Optional.of(FIELDS[field] + " " + value + " is outside " + MIN[field] + "-" + MAX[field]);
            }
        }
        return Optional.empty();
    }
}
