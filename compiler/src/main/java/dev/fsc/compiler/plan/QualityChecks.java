package dev.fsc.compiler.plan;

import dev.fsc.compiler.spec.Durations;
import dev.fsc.compiler.spec.Located;
import dev.fsc.compiler.spec.QualityCheck;
import dev.fsc.compiler.sql.SqlCanonicalizer;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** One line per quality check, canonical, so a plan diff says exactly which check changed. */
final class QualityChecks {
    private QualityChecks() {
    }

    static String canonical(QualityCheck check) {
        if (check instanceof QualityCheck.NotNull c) {
            return "not_null(" + names(c.columns()) + ")";
        }
        if (check instanceof QualityCheck.Unique c) {
            return "unique(" + names(c.columns()) + ")";
        }
        if (check instanceof QualityCheck.Range c) {
            return "range(" + c.column().value() + bound(" min ", c.min()) + bound(" max ", c.max()) + ")";
        }
        if (check instanceof QualityCheck.AcceptedValues c) {
            return "accepted_values(" + c.column().value() + ": " + String.join(", ", c.values()) + ")";
        }
        if (check instanceof QualityCheck.Expect c) {
            return "expect " + c.name().value() + ": " + SqlCanonicalizer.expression(c.sql());
        }
        if (check instanceof QualityCheck.NullRate c) {
            return "null_rate(" + c.column().value() + ") <= " + c.max().stripTrailingZeros().toPlainString();
        }
        if (check instanceof QualityCheck.NullRateSpike c) {
            return "null_rate_spike(" + c.column().value() + ") <= +" + c.maxIncrease().stripTrailingZeros().toPlainString()
                    + " vs " + Durations.format(c.baseline());
        }
        if (check instanceof QualityCheck.Freshness c) {
            return "freshness <= " + Durations.format(c.maxDelay());
        }
        QualityCheck.Volume c = (QualityCheck.Volume) check;
        return "volume >= " + c.minRowsPerDay() + c.maxRowsPerDay().map(max -> " and <= " + max).orElse("") + " rows/day";
    }

    private static String names(List<Located<String>> names) {
        return names.stream().map(Located::value).collect(Collectors.joining(", "));
    }

    private static String bound(String label, Optional<BigDecimal> value) {
        return value.map(v -> label + v.stripTrailingZeros().toPlainString()).orElse("");
    }
}
