package dev.fsc.compiler.codegen;

import dev.fsc.compiler.diag.Severity;
import dev.fsc.compiler.spec.Located;
import dev.fsc.compiler.spec.QualityCheck;
import dev.fsc.compiler.spec.QualityCheck.AcceptedValues;
import dev.fsc.compiler.spec.QualityCheck.Expect;
import dev.fsc.compiler.spec.QualityCheck.NotNull;
import dev.fsc.compiler.spec.QualityCheck.Range;
import dev.fsc.compiler.spec.SourceSpec;
import dev.fsc.compiler.spec.SqlText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Quality checks that judge one record at a time (not_null, range, accepted_values, expect): as a
 * condition that is TRUE when the record fails, and the reason SQL expression naming the check. Shared by
 * the Spark and Flink targets, so both quarantine the same records with the same reason; the only
 * dialect-specific part, an {@code expect} expression, is printed by the target's printer.
 */
public final class RowChecks {
    private final Function<SqlText, String> expression;

    /** @param expression prints a spec SQL expression in the target's dialect */
    public RowChecks(Function<SqlText, String> expression) {
        this.expression = expression;
    }

    /** One failing condition and its reason; a check on several columns gives one per column. */
    public record RowCheck(String fails, String reason) {
    }

    /** The row checks of severity error, as template rows {@code fails} / {@code reason}: a failing record is quarantined. */
    public List<Map<String, String>> of(SourceSpec source) {
        return errorChecks(source).stream().map(c -> Map.of("fails", c.fails(), "reason", c.reason())).toList();
    }

    private List<RowCheck> errorChecks(SourceSpec source) {
        return source.quality().stream().filter(c -> c.severity() == Severity.ERROR).flatMap(c -> conditions(c).stream()).toList();
    }

    /** Whether a check is judged per record. */
    public static boolean isRowCheck(QualityCheck check) {
        return check instanceof NotNull || check instanceof Range || check instanceof AcceptedValues || check instanceof Expect;
    }

    private List<RowCheck> conditions(QualityCheck check) {
        List<RowCheck> out = new ArrayList<>();
        if (check instanceof NotNull n) {
            n.columns().stream().map(Located::value).forEach(c -> out.add(new RowCheck(c + " IS NULL", quote("not_null(" + c + ")"))));
        } else if (check instanceof Range r) {
            String c = r.column().value();
            List<String> outside = new ArrayList<>();
            r.min().ifPresent(min -> outside.add(c + " < " + min.toPlainString()));
            r.max().ifPresent(max -> outside.add(c + " > " + max.toPlainString()));
            String bounds = r.min().map(m -> m.toPlainString()).orElse("") + ".." + r.max().map(m -> m.toPlainString()).orElse("");
            out.add(new RowCheck(String.join(" OR ", outside), "concat('range(" + c + ", " + bounds + "): ', CAST(" + c + " AS STRING))"));
        } else if (check instanceof AcceptedValues a) {
            String c = a.column().value();
            String values = a.values().stream().map(RowChecks::quote).collect(Collectors.joining(", "));
            out.add(new RowCheck("NOT (" + c + " IN (" + values + "))",
                    "concat('accepted_values(" + c + "): ''', CAST(" + c + " AS STRING), ''' is not accepted')"));
        } else if (check instanceof Expect e) {
            out.add(new RowCheck("NOT (" + expression.apply(e.sql()) + ")", quote("expect " + e.name().value())));
        }
        return out;
    }

    /** All conditions of one check OR-ed, with the first one's reason; empty for checks that are not per record. */
    public Optional<RowCheck> combined(QualityCheck check) {
        List<RowCheck> parts = conditions(check);
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        String fails = parts.stream().map(p -> "(" + p.fails() + ")").collect(Collectors.joining(" OR "));
        return Optional.of(new RowCheck(fails, parts.get(0).reason()));
    }

    /** A SQL string literal. */
    public static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
