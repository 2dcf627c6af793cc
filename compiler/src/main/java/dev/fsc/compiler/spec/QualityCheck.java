package dev.fsc.compiler.spec;

import dev.fsc.compiler.diag.Severity;
import dev.fsc.compiler.source.SourcePos;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A data quality check on a source; {@code severity: error} checks block publication. */
public sealed interface QualityCheck {
    SourcePos pos();

    Severity severity();

    /** The check's spec name, e.g. {@code not_null}. */
    String kindName();

    record NotNull(SourcePos pos, Severity severity, List<Located<String>> columns) implements QualityCheck {
        public NotNull {
            columns = List.copyOf(columns);
        }

        public String kindName() {
            return "not_null";
        }
    }

    record Unique(SourcePos pos, Severity severity, List<Located<String>> columns) implements QualityCheck {
        public Unique {
            columns = List.copyOf(columns);
        }

        public String kindName() {
            return "unique";
        }
    }

    record Range(SourcePos pos, Severity severity, Located<String> column, Optional<BigDecimal> min,
                 Optional<BigDecimal> max) implements QualityCheck {
        public String kindName() {
            return "range";
        }
    }

    record AcceptedValues(SourcePos pos, Severity severity, Located<String> column, List<String> values)
            implements QualityCheck {
        public AcceptedValues {
            values = List.copyOf(values);
        }

        public String kindName() {
            return "accepted_values";
        }
    }

    record Expect(SourcePos pos, Severity severity, Located<String> name, SqlText sql) implements QualityCheck {
        public String kindName() {
            return "expect";
        }
    }

    record NullRate(SourcePos pos, Severity severity, Located<String> column, BigDecimal max) implements QualityCheck {
        public String kindName() {
            return "null_rate";
        }
    }

    record NullRateSpike(SourcePos pos, Severity severity, Located<String> column, BigDecimal maxIncrease,
                         Duration baseline) implements QualityCheck {
        public String kindName() {
            return "null_rate_spike";
        }
    }

    record Freshness(SourcePos pos, Severity severity, Duration maxDelay) implements QualityCheck {
        public String kindName() {
            return "freshness";
        }
    }

    record Volume(SourcePos pos, Severity severity, long minRowsPerDay, Optional<Long> maxRowsPerDay)
            implements QualityCheck {
        public String kindName() {
            return "volume";
        }
    }
}
