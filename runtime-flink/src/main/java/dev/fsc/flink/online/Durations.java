package dev.fsc.flink.online;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as the sink options write them: {@code 250ms 30s 1m 5m 1h 1d}, or plain milliseconds. */
public final class Durations {
    private static final Pattern TEXT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    private Durations() {
    }

    public static long millis(String text) {
        Matcher m = TEXT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: \"" + text + "\" (e.g. 500ms, 30s, 1m, 1h, 1d)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "ms" -> n;
            case "s" -> n * 1_000;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            default -> n * 86_400_000;
        };
    }
}
