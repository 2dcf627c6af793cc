package dev.fsc.cli.sample;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One non-NULL value for a column that is not a key, by its type and checks: enum values with a mild
 * skew, numbers inside {@code range} (log-uniform across wide ranges, so amounts look like amounts),
 * decimals at the column's scale, dates in the past of the row's time.
 */
final class ValueGenerator {
    private static final Zipf[] ENUM_SKEW = new Zipf[64];

    private ValueGenerator() {
    }

    /** @param t the row's time (epoch ms), for dates and timestamps relative to it */
    static Object value(ColumnRule rule, SplittableRandom rng, long t) {
        if (!rule.accepted().isEmpty()) {
            return pick(rule.accepted(), rng);
        }
        ColumnType type = rule.type();
        return switch (type.kind()) {
            case BOOLEAN -> rng.nextDouble() < 0.7;
            case INTEGER -> integer(rule, rng);
            case DECIMAL -> decimal(rule, rng);
            case FLOATING -> floating(rule, rng);
            case STRING -> Words.value(rule.name(), rng, type.maxLength());
            case DATE -> date(rule.name(), rng, t);
            case TIME -> LocalTime.ofNanoOfDay(truncate(rng.nextLong(GeneratorOptions.DAY_MS), type.precision()) * 1_000_000L);
            case TIMESTAMP -> Instant.ofEpochMilli(truncate(t - rng.nextLong(2 * 3_600_000L), type.precision()));
            case OTHER -> "sample";
        };
    }

    /** An enum value, earlier values a little more often (a lifecycle's first states are the common ones). */
    static String pick(List<String> values, SplittableRandom rng) {
        int n = values.size();
        if (n > ENUM_SKEW.length) {
            return values.get(rng.nextInt(n));
        }
        Zipf skew;
        synchronized (ENUM_SKEW) {
            if (ENUM_SKEW[n - 1] == null) {
                ENUM_SKEW[n - 1] = new Zipf(n, 0.6);
            }
            skew = ENUM_SKEW[n - 1];
        }
        return values.get(skew.sample(rng));
    }

    /** Drops sub-second digits a TIMESTAMP(p) or TIME(p) with p < 3 cannot hold. */
    static long truncate(long millis, int precision) {
        if (precision >= 3) {
            return millis;
        }
        long unit = precision == 2 ? 10 : precision == 1 ? 100 : 1000;
        return Math.floorDiv(millis, unit) * unit;
    }

    private static Object integer(ColumnRule rule, SplittableRandom rng) {
        long typeMax = rule.type().maxInteger();
        long lo = rule.min().map(v -> v.setScale(0, RoundingMode.CEILING).longValueExact()).orElse(Long.MIN_VALUE);
        long hi = rule.max().map(v -> v.setScale(0, RoundingMode.FLOOR).longValueExact()).orElse(Long.MIN_VALUE);
        long value;
        if (lo == Long.MIN_VALUE && hi == Long.MIN_VALUE) {
            value = Math.min(typeMax, (long) Math.floor(-5 * StrictMath.log(1 - rng.nextDouble())));
        } else if (hi == Long.MIN_VALUE) {
            value = Math.min(typeMax, lo + (long) Math.floor(-5 * StrictMath.log(1 - rng.nextDouble())));
        } else {
            lo = lo == Long.MIN_VALUE ? Math.min(0, hi) : lo;
            value = skewed(rng, lo, Math.min(hi, typeMax));
        }
        return value;
    }

    private static long skewed(SplittableRandom rng, long lo, long hi) {
        if (hi <= lo) {
            return lo;
        }
        if (lo >= 0 && hi - lo >= 100) {
            long v = lo - 1 + (long) Math.floor(StrictMath.exp(rng.nextDouble() * StrictMath.log(hi - lo + 2.0)));
            return Math.max(lo, Math.min(hi, v));
        }
        return lo + (long) Math.floor(rng.nextDouble() * (hi - lo + 1));
    }

    private static double skewed(SplittableRandom rng, double lo, double hi) {
        if (hi <= lo) {
            return lo;
        }
        if (lo >= 0 && hi - lo >= 1000) {
            return lo + StrictMath.exp(rng.nextDouble() * StrictMath.log(hi - lo + 1)) - 1;
        }
        return lo + rng.nextDouble() * (hi - lo);
    }

    private static Object decimal(ColumnRule rule, SplittableRandom rng) {
        int scale = Math.max(0, rule.type().scale());
        int integerDigits = Math.max(0, rule.type().precision() - scale);
        BigDecimal typeMax = BigDecimal.TEN.pow(integerDigits).subtract(BigDecimal.ONE.movePointLeft(scale));
        BigDecimal hi = rule.max().orElse(typeMax.min(BigDecimal.valueOf(10_000))).min(typeMax);
        BigDecimal lo = rule.min().orElse(hi.signum() < 0 ? typeMax.negate() : BigDecimal.ZERO).max(typeMax.negate());
        BigDecimal value = BigDecimal.valueOf(skewed(rng, lo.doubleValue(), hi.doubleValue())).setScale(scale, RoundingMode.HALF_UP);
        BigDecimal low = lo.setScale(scale, RoundingMode.CEILING);
        BigDecimal high = hi.setScale(scale, RoundingMode.FLOOR);
        return value.max(low).min(high.max(low));
    }

    private static Object floating(ColumnRule rule, SplittableRandom rng) {
        double hi = rule.max().map(BigDecimal::doubleValue).orElse(rule.min().map(m -> m.doubleValue() + 100).orElse(100.0));
        double lo = rule.min().map(BigDecimal::doubleValue).orElse(Math.min(0, hi - 100));
        double value = BigDecimal.valueOf(skewed(rng, lo, hi)).setScale(4, RoundingMode.HALF_UP).doubleValue();
        return Math.max(lo, Math.min(hi, value));
    }

    private static Object date(String column, SplittableRandom rng, long t) {
        LocalDate day = Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC).toLocalDate();
        boolean birth = column.toLowerCase(Locale.ROOT).contains("birth");
        long from = birth ? 18 * 365 : 0;
        long to = birth ? 80 * 365 : 10 * 365;
        return day.minusDays(Draw.between(rng, from, to));
    }
}
