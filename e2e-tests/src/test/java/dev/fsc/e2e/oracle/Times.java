package dev.fsc.e2e.oracle;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Time arithmetic on epoch milliseconds (UTC), which is what every window and horizon compares:
 * all timestamps of the contract are UTC with millisecond precision.
 */
final class Times {
    private Times() {
    }

    static long millis(LocalDateTime utc) {
        return utc.toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    static LocalDateTime timestamp(long millis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }

    static LocalDate day(long millis) {
        return timestamp(millis).toLocalDate();
    }

    static long startOf(LocalDate day) {
        return millis(day.atStartOfDay());
    }

    /** floor_g(x): the start of the tile of size g holding x, tiles aligned to the epoch. */
    static long floor(long millis, Duration tile) {
        long g = tile.toMillis();
        return Math.floorDiv(millis, g) * g;
    }

    /** A spec duration: {@code <int><unit>}, unit one of s m h d ({@code 90s}, {@code 24h}, {@code 7d}). */
    static Duration duration(String spec) {
        long amount = Long.parseLong(spec.substring(0, spec.length() - 1));
        return switch (spec.charAt(spec.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("not a duration: " + spec);
        };
    }
}
