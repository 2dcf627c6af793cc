package dev.fsc.compiler.codegen.spark;

import dev.fsc.common.manifest.JobManifest;
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
 * The checks of a source's day in silver, each a query whose rows are failures (one row with a
 * {@code message}). Row checks of severity error are not here: they quarantine records instead; row checks
 * of severity warn are here, counting the records that fail them.
 */
final class TableChecks {
    private TableChecks() {
    }

    /** A check step: its name within the source, severity and query. */
    record Check(String name, JobManifest.Severity severity, String query) {
    }

    static List<Check> of(Source source) {
        List<Check> checks = new ArrayList<>();
        List<QualityCheck> quality = source.spec().quality();
        for (int i = 0; i < quality.size(); i++) {
            QualityCheck check = quality.get(i);
            JobManifest.Severity severity = check.severity() == Severity.ERROR ? JobManifest.Severity.ERROR : JobManifest.Severity.WARN;
            boolean rowCheck = RowChecks.isRowCheck(check);
            if (rowCheck && severity == JobManifest.Severity.ERROR) {
                continue;
            }
            Optional<String> query = rowCheck ? failingRows(source, check) : query(source, check);
            String name = (i + 1) + "_" + check.kindName();
            query.ifPresent(q -> checks.add(new Check(name, severity, q)));
        }
        return checks;
    }

    private static String day(Source source) {
        String where = "ds = DATE'${ds}'";
        return SourceSql.isCdc(source) ? where + " AND _op <> 'd'" : where;
    }

    private static Optional<String> failingRows(Source source, QualityCheck check) {
        return RowChecks.combined(check).map(c ->
                "SELECT concat(COUNT(*), ' rows of " + source.name() + " fail ', " + c.reason() + ") AS message\n"
                        + "FROM " + SparkNames.silver(source.name()) + "\n"
                        + "WHERE " + day(source) + " AND (" + c.fails() + ")\n"
                        + "HAVING COUNT(*) > 0");
    }

    private static Optional<String> query(Source source, QualityCheck check) {
        String silver = SparkNames.silver(source.name());
        if (check instanceof Unique u) {
                String cols = String.join(", ", u.columns().stream().map(Located::value).toList());
                return Optional.of("SELECT concat(COUNT(*), ' values of (" + cols + ") occur more than once') AS message\n"
                        + "FROM (\n"
                        + "  SELECT " + cols + "\n"
                        + "  FROM " + silver + "\n"
                        + "  WHERE " + day(source) + "\n"
                        + "  GROUP BY " + cols + "\n"
                        + "  HAVING COUNT(*) > 1\n"
                        + ")\n"
                        + "HAVING COUNT(*) > 0");
        }
        if (check instanceof NullRate n) {
            return Optional.of("SELECT concat('null_rate(" + n.column().value() + ") is ', round(rate, 4), ', above "
                    + n.max().toPlainString() + "') AS message\n"
                    + "FROM (\n"
                    + "  SELECT avg(CASE WHEN " + n.column().value() + " IS NULL THEN 1.0 ELSE 0.0 END) AS rate\n"
                    + "  FROM " + silver + "\n"
                    + "  WHERE " + day(source) + "\n"
                    + ")\n"
                    + "WHERE rate > " + n.max().toPlainString());
        }
        if (check instanceof NullRateSpike s) {
                String c = s.column().value();
                String nullness = "CASE WHEN " + c + " IS NULL THEN 1.0 ELSE 0.0 END";
                return Optional.of("SELECT concat('null_rate(" + c + ") rose from ', round(baseline, 4), ' to ', round(today, 4),"
                        + " ', more than " + s.maxIncrease().toPlainString() + "') AS message\n"
                        + "FROM (\n"
                        + "  SELECT avg(CASE WHEN ds = DATE'${ds}' THEN " + nullness + " END) AS today,\n"
                        + "         avg(CASE WHEN ds < DATE'${ds}' THEN " + nullness + " END) AS baseline\n"
                        + "  FROM " + silver + "\n"
                        + "  WHERE ds >= date_sub(DATE'${ds}', " + s.baseline().toDays() + ") AND ds <= DATE'${ds}'"
                        + (SourceSql.isCdc(source) ? " AND _op <> 'd'" : "") + "\n"
                        + ")\n"
                        + "WHERE baseline IS NOT NULL AND today - baseline > " + s.maxIncrease().toPlainString());
        }
        if (check instanceof Freshness f) {
            return Optional.of("SELECT concat('latest event at ', COALESCE(CAST(latest AS STRING), 'none'),"
                    + " ', more than " + SparkTime.text(f.maxDelay()) + " before the end of the day') AS message\n"
                    + "FROM (\n"
                    + "  SELECT max(" + SourceSql.eventTime(source) + ") AS latest\n"
                    + "  FROM " + silver + "\n"
                    + "  WHERE " + day(source) + "\n"
                    + ")\n"
                    + "WHERE latest IS NULL OR latest < " + SparkTime.DAY_END + " - " + SparkTime.interval(f.maxDelay()));
        }
        if (check instanceof Volume v) {
            return Optional.of("SELECT concat(row_count, ' rows in the day, expected "
                    + (v.maxRowsPerDay().isPresent() ? v.minRowsPerDay() + ".." + v.maxRowsPerDay().get() : "at least " + v.minRowsPerDay())
                    + "') AS message\n"
                    + "FROM (\n"
                    + "  SELECT COUNT(*) AS row_count\n"
                    + "  FROM " + silver + "\n"
                    + "  WHERE " + day(source) + "\n"
                    + ")\n"
                    + "WHERE row_count < " + v.minRowsPerDay() + v.maxRowsPerDay().map(m -> " OR row_count > " + m).orElse(""));
        }
        return Optional.empty();
    }
}
