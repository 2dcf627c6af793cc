package dev.fsc.flink.online;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the generated SQL writes them: {@code 250ms 30s 1m 5m 1h 1d}, compounds of those ({@code 30d10m}, as
 * tile state TTLs are written), or plain milliseconds.
 */
public final class Durations {
    private static final Pattern TEXT = Pattern.compile("(?:\\d+\\s*(?:ms|s|m|h|d)\\s*)+|\\d+");
    private static final Pattern PART = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    private Durations() {
    }

    public static long millis(String text) {
        String trimmed = text.trim();
        if (!TEXT.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("not a duration: \"" + text + "\" (e.g. 500ms, 30s, 1m, 1h, 1d, 30d10m)");
        }
        long total = 0;
        Matcher part = PART.matcher(trimmed);
        while (part.find()) {
            total += millis(Long.parseLong(part.group(1)), part.group(2) == null ? "ms" : part.group(2));
        }
        return total;
    }

    private static long millis(long n, String unit) {
        return switch (unit) {
            case "ms" -> n;
            case "s" -> n * 1_000;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            default -> n * 86_400_000;
        };
    }
}
