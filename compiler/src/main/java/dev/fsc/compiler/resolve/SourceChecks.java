package dev.fsc.compiler.resolve;

import dev.fsc.compiler.diag.Code;
import dev.fsc.compiler.diag.Diagnostic;
import dev.fsc.compiler.spec.Located;
import dev.fsc.compiler.spec.QualityCheck;
import dev.fsc.compiler.spec.SourceSpec;

/** Checks a source's own references: key, time, dedup and quality columns. */
final class SourceChecks {
    private final Scope scope;

    SourceChecks(Scope scope) {
        this.scope = scope;
    }

    void check(SourceSpec source) {
        if (source.type().value() == SourceSpec.SourceType.CDC && source.primaryKey().isEmpty()) {
            scope.report(Diagnostic.error(Code.MISSING_PRIMARY_KEY, source.type().pos(),
                            "cdc source `" + source.name().value() + "` has no `primary_key`")
                    .withHint("CDC rows are versioned by their primary key: add `primary_key: [<column>, ...]`"));
        }
        source.primaryKey().forEach(key -> scope.column(source, key, "primary key"));
        source.eventTime().ifPresent(time -> scope.column(source, time, "event time").ifPresent(column -> {
            if (!SqlTypeNames.isTimestamp(column.type().value())) {
                scope.report(Diagnostic.error(Code.BAD_EVENT_TIME, time.pos(),
                                "event time `" + time.value() + "` is " + column.type().value() + ", not a TIMESTAMP")
                        .withHint("declare `" + time.value() + "` as `TIMESTAMP(3) NOT NULL` (line " + column.type().pos().line()
                                + "), or pick another column as `event_time`"));
            }
        }));
        source.dedup().ifPresent(dedup -> dedup.key().forEach(key -> scope.column(source, key, "dedup key")));
        source.quality().forEach(check -> checkColumns(source, check));
    }

    private void checkColumns(SourceSpec source, QualityCheck check) {
        if (check instanceof QualityCheck.NotNull c) {
            c.columns().forEach(col -> column(source, col));
        } else if (check instanceof QualityCheck.Unique c) {
            c.columns().forEach(col -> column(source, col));
        } else if (check instanceof QualityCheck.Range c) {
            column(source, c.column());
        } else if (check instanceof QualityCheck.AcceptedValues c) {
            column(source, c.column());
        } else if (check instanceof QualityCheck.NullRate c) {
            column(source, c.column());
        } else if (check instanceof QualityCheck.NullRateSpike c) {
            column(source, c.column());
        }
        // expect (SQL) is checked in phase 4; freshness and volume name no column
    }

    private void column(SourceSpec source, Located<String> column) {
        scope.column(source, column, "quality check column");
    }
}
