package dev.fsc.cli.sample;

import dev.fsc.compiler.model.Column;
import dev.fsc.compiler.model.Source;
import dev.fsc.compiler.spec.Located;
import dev.fsc.compiler.spec.QualityCheck;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a source's spec says about one column's values: its type, whether it may be NULL and how often,
 * its enum values ({@code accepted_values}) and bounds ({@code range}).
 */
record ColumnRule(Column column, ColumnType type, double nullRate, List<String> accepted, Optional<BigDecimal> min,
                  Optional<BigDecimal> max) {
    /** Nullable columns are NULL this often, unless a {@code null_rate} or {@code null_rate_spike} check asks for less. */
    static final double DEFAULT_NULL_RATE = 0.02;
    /**
     * A column with a NULL-rate limit gets NULLs only when the limit allows at least this many in a day's rows: below
     * that, one or two chance NULLs in a small day would cross it (40 rows a day and a 1 % limit: one NULL fails).
     */
    static final int MIN_NULLS_UNDER_LIMIT = 10;

    ColumnRule {
        accepted = List.copyOf(accepted);
    }

    String name() {
        return column.name();
    }

    boolean nullable() {
        return nullRate > 0;
    }

    /** The rules of every column of a source, in declaration order, for days of about {@code rowsPerDay} rows. */
    static Map<String, ColumnRule> of(Source source, int rowsPerDay) {
        var spec = source.spec();
        List<String> neverNull = new ArrayList<>();
        spec.eventTime().ifPresent(t -> neverNull.add(t.value()));
        spec.primaryKey().forEach(k -> neverNull.add(k.value()));
        spec.dedup().ifPresent(d -> d.key().forEach(k -> neverNull.add(k.value())));
        Map<String, BigDecimal> nullRateMax = new LinkedHashMap<>();
        Map<String, List<String>> accepted = new LinkedHashMap<>();
        Map<String, BigDecimal> mins = new LinkedHashMap<>();
        Map<String, BigDecimal> maxs = new LinkedHashMap<>();
        for (QualityCheck check : spec.quality()) {
            if (check instanceof QualityCheck.NotNull n) {
                n.columns().stream().map(Located::value).forEach(neverNull::add);
            } else if (check instanceof QualityCheck.AcceptedValues a) {
                accepted.putIfAbsent(a.column().value(), a.values());
            } else if (check instanceof QualityCheck.Range r) {
                r.min().ifPresent(v -> mins.merge(r.column().value(), v, BigDecimal::max));
                r.max().ifPresent(v -> maxs.merge(r.column().value(), v, BigDecimal::min));
            } else if (check instanceof QualityCheck.NullRate n) {
                nullRateMax.merge(n.column().value(), n.max(), BigDecimal::min);
            } else if (check instanceof QualityCheck.NullRateSpike s) {
                nullRateMax.merge(s.column().value(), s.maxIncrease(), BigDecimal::min);
            }
        }
        Map<String, ColumnRule> rules = new LinkedHashMap<>();
        for (Column column : source.columns()) {
            String name = column.name();
            double rate = 0;
            if (column.nullable() && !neverNull.contains(name)) {
                rate = DEFAULT_NULL_RATE;
                if (nullRateMax.containsKey(name)) {
                    // far under the limit: a day's rows (CDC: several versions of one row) must not cross it by chance
                    double limit = nullRateMax.get(name).doubleValue();
                    rate = limit * rowsPerDay < MIN_NULLS_UNDER_LIMIT ? 0 : Math.min(rate, limit / 10);
                }
            }
            rules.put(name, new ColumnRule(column, ColumnType.parse(column.sqlType()), rate,
                    accepted.getOrDefault(name, List.of()), Optional.ofNullable(mins.get(name)),
                    Optional.ofNullable(maxs.get(name))));
        }
        return rules;
    }
}
