package dev.fsc.compiler.codegen.spark;

import dev.fsc.common.manifest.JobManifest;
import dev.fsc.compiler.codegen.RowChecks;
import dev.fsc.compiler.sql.SparkSqlText;
import dev.fsc.compiler.diag.Severity;
import dev.fsc.compiler.model.Source;
import dev.fsc.compiler.spec.Located;
import dev.fsc.compiler.spec.QualityCheck;
import dev.fsc.compiler.spec.QualityCheck.Freshness;
import dev.fsc.compiler.spec.QualityCheck.NullRate;
import dev.fsc.compiler.spec.QualityCheck.NullRateSpike;
import dev.fsc.compiler.spec.QualityCheck.Unique;
import dev.fsc.compiler.spec.QualityCheck.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks of a source's rows in the run's days, in silver, each a query whose rows are failures (one row with a
 * {@code message}). Row checks of severity error are not here: they quarantine records instead; row checks
 * of severity warn are here, counting the records that fail them.
 */
final class TableChecks {
    private TableChecks() {
    }

    /** A check step: its name within the source, severity and query. */
    record Check(String name, JobManifest.Severity severity, String query) {
    }

    private static final RowChecks ROW_CHECKS = new RowChecks(SparkSqlText::expression);

    static List<Check> of(Source source, SparkNames names) {
        List<Check> checks = new ArrayList<>();
        List<QualityCheck> quality = source.spec().quality();
        for (int i = 0; i < quality.size(); i++) {
            QualityCheck check = quality.get(i);
            JobManifest.Severity severity = check.severity() == Severity.ERROR ? JobManifest.Severity.ERROR : JobManifest.Severity.WARN;
            boolean rowCheck = RowChecks.isRowCheck(check);
            if (rowCheck && severity == JobManifest.Severity.ERROR) {
                continue;
            }
            Optional<String> query = rowCheck ? failingRows(source, check, names.silver(source.name())) : query(source, check, names.silver(source.name()));
            String name = (i + 1) + "_" + check.kindName();
            query.ifPresent(q -> checks.add(new Check(name, severity, q)));
        }
        return checks;
    }

    /** The run's silver rows of a source (a CDC source's deletes are not rows). */
    private static String days(Source source) {
        return SourceSql.isCdc(source) ? SparkTime.DAYS + " AND _op <> 'd'" : SparkTime.DAYS;
    }

    /** Every day of the run, with or without rows. */
    private static final String RUN_DAYS = "SELECT explode(sequence(DATE'${ds_from}', DATE'${ds_to}')) AS ds";

    private static Optional<String> failingRows(Source source, QualityCheck check, String silver) {
        return ROW_CHECKS.combined(check).map(c ->
                "SELECT concat(COUNT(*), ' rows of " + source.name() + " fail " + check.kindName() + ", e.g. ', first(" + c.reason() + ")) AS message\n"
                        + "FROM " + silver + "\n"
                        + "WHERE " + days(source) + " AND (" + c.fails() + ")\n"
                        + "HAVING COUNT(*) > 0");
    }

    private static Optional<String> query(Source source, QualityCheck check, String silver) {
        if (check instanceof Unique u) {
            String cols = String.join(", ", u.columns().stream().map(Located::value).toList());
            return Optional.of("SELECT concat(COUNT(*), ' values of (" + cols + ") occur more than once') AS message\n"
                    + "FROM (\n"
                    + "  SELECT " + cols + "\n"
                    + "  FROM " + silver + "\n"
                    + "  WHERE " + days(source) + "\n"
                    + "  GROUP BY " + cols + "\n"
                    + "  HAVING COUNT(*) > 1\n"
                    + ")\n"
                    + "HAVING COUNT(*) > 0");
        }
        if (check instanceof NullRate n) {
            return Optional.of("SELECT concat(ds, ': null_rate(" + n.column().value() + ") is ', round(rate, 4), ', above "
                    + n.max().toPlainString() + "') AS message\n"
                    + "FROM (\n"
                    + "  SELECT ds, avg(CASE WHEN " + n.column().value() + " IS NULL THEN 1.0 ELSE 0.0 END) AS rate\n"
                    + "  FROM " + silver + "\n"
                    + "  WHERE " + days(source) + "\n"
                    + "  GROUP BY ds\n"
                    + ")\n"
                    + "WHERE rate > " + n.max().toPlainString());
        }
        if (check instanceof NullRateSpike s) {
            String c = s.column().value();
            long baseline = s.baseline().toDays();
            return Optional.of("WITH daily AS (\n"
                    + "  SELECT ds, avg(CASE WHEN " + c + " IS NULL THEN 1.0 ELSE 0.0 END) AS rate\n"
                    + "  FROM " + silver + "\n"
                    + "  WHERE ds >= date_sub(DATE'${ds_from}', " + baseline + ") AND ds <= DATE'${ds_to}'"
                    + (SourceSql.isCdc(source) ? " AND _op <> 'd'" : "") + "\n"
                    + "  GROUP BY ds\n"
                    + ")\n"
                    + "SELECT concat(d.ds, ': null_rate(" + c + ") rose from ', round(avg(b.rate), 4), ' to ', round(d.rate, 4),"
                    + " ', more than " + s.maxIncrease().toPlainString() + "') AS message\n"
                    + "FROM daily d\n"
                    + "JOIN daily b ON b.ds >= date_sub(d.ds, " + baseline + ") AND b.ds < d.ds\n"
                    + "WHERE d." + SparkTime.DAYS + "\n"
                    + "GROUP BY d.ds, d.rate\n"
                    + "HAVING d.rate - avg(b.rate) > " + s.maxIncrease().toPlainString());
        }
        if (check instanceof Freshness f) {
            return Optional.of("SELECT concat(d.ds, ': latest event at ', COALESCE(CAST(latest AS STRING), 'none'),"
                    + " ', more than " + SparkTime.text(f.maxDelay()) + " before the end of the day') AS message\n"
                    + "FROM (" + RUN_DAYS + ") d\n"
                    + "LEFT JOIN (\n"
                    + "  SELECT ds, max(" + SourceSql.eventTime(source) + ") AS latest\n"
                    + "  FROM " + silver + "\n"
                    + "  WHERE " + days(source) + "\n"
                    + "  GROUP BY ds\n"
                    + ") s ON s.ds = d.ds\n"
                    + "WHERE latest IS NULL OR latest < CAST(date_add(d.ds, 1) AS TIMESTAMP) - " + SparkTime.interval(f.maxDelay()));
        }
        if (check instanceof Volume v) {
            return Optional.of("SELECT concat(d.ds, ': ', COALESCE(row_count, 0), ' rows, expected "
                    + (v.maxRowsPerDay().isPresent() ? v.minRowsPerDay() + ".." + v.maxRowsPerDay().get() : "at least " + v.minRowsPerDay())
                    + "') AS message\n"
                    + "FROM (" + RUN_DAYS + ") d\n"
                    + "LEFT JOIN (\n"
                    + "  SELECT ds, COUNT(*) AS row_count\n"
                    + "  FROM " + silver + "\n"
                    + "  WHERE " + days(source) + "\n"
                    + "  GROUP BY ds\n"
                    + ") s ON s.ds = d.ds\n"
                    + "WHERE COALESCE(row_count, 0) < " + v.minRowsPerDay() + v.maxRowsPerDay().map(m -> " OR row_count > " + m).orElse(""));
        }
        return Optional.empty();
    }
}
