package dev.fsc.cli.backfill;

import dev.fsc.common.json.Json;
import dev.fsc.common.manifest.JobManifest.Step;
import dev.fsc.compiler.model.Dataset;
import dev.fsc.compiler.model.FeatureView;
import dev.fsc.compiler.model.Model;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a backfill changed, for a reviewer, before anything is published: per table and day partition the
 * rows on main and on the branch, and for tiles and datasets, per column, how many values changed — rows
 * paired on their keys (a tile's entity keys and tile start; a dataset row's spine columns), every other
 * column compared as text. Spark computes it (SQL steps writing JSON lines); this class writes the SQL and
 * renders the result as {@code report.md}.
 */
final class ComparisonReport {
    private final String branch;
    private final LocalDate from;
    private final LocalDate to;
    private final Path dir;

    ComparisonReport(String branch, LocalDate from, LocalDate to, Path dir) {
        this.branch = branch;
        this.from = from;
        this.to = to;
        this.dir = dir.toAbsolutePath();
    }

    /**
     * How rows of a table pair up: by the listed key columns ({@code keys}), or by every column but the listed
     * value columns (a dataset row: its spine time, keys and carried columns).
     */
    record Pairing(List<String> columns, boolean keys) {
        Pairing {
            columns = List.copyOf(columns);
        }

        String isKey(String column) {
            String listed = Stream.concat(columns.stream(), keys ? Stream.of("ds") : Stream.empty())
                    .map(c -> "'" + c + "'").collect(Collectors.joining(", "));
            return (keys ? "" : "NOT ") + column + " IN (" + listed + ")" + (keys ? "" : " OR " + column + " = 'ds'");
        }
    }

    /** The pairing of each tile table (by prefix: one table per tile size, any version) and dataset table (at its version). */
    static Map<String, Pairing> pairings(Model model, dev.fsc.compiler.codegen.TableVersions tables) {
        Map<String, Pairing> pairings = new LinkedHashMap<>();
        for (FeatureView view : model.views()) {
            List<String> k = new ArrayList<>(view.entity().keys().stream().map(e -> e.name().value()).toList());
            k.add("tile_start");
            pairings.put("gold." + view.name() + "__tiles_", new Pairing(k, true));
        }
        for (Dataset d : model.datasets()) {
            List<String> values = new ArrayList<>(d.features().stream().map(f -> f.feature().outputName()).toList());
            d.labels().forEach(l -> values.add(l.spec().name().value()));
            pairings.put(tables.physical(dev.fsc.compiler.codegen.spark.DatasetSql.table(d)), new Pairing(values, false));
        }
        return pairings;
    }

    /**
     * The report job: one query for the rows of every table, one for the values of every tile and dataset table
     * (a UNION ALL each: two Spark jobs, not two per table), each writing a folder of JSON lines.
     */
    List<Step> steps(Collection<TableRefs> tables, Set<String> byDay, Map<String, Pairing> pairings) {
        List<String> rows = tables.stream().map(t -> rowsSql(t, byDay.contains(t.table()))).toList();
        List<String> values = tables.stream().flatMap(t -> pairingOf(t.table(), pairings).map(p -> valuesSql(t, p)).stream()).toList();
        List<Step> steps = new ArrayList<>();
        steps.add(Step.sql("rows", List.of(write(rows, dir.resolve("rows"))), List.of()));
        if (!values.isEmpty()) {
            steps.add(Step.sql("values", List.of(write(values, dir.resolve("values"))), List.of()));
        }
        return steps;
    }

    private static String write(List<String> queries, Path out) {
        return "INSERT OVERWRITE DIRECTORY '" + out + "' USING json\nSELECT /*+ COALESCE(1) */ * FROM (\n"
                + String.join("\nUNION ALL\n", queries) + "\n)";
    }

    private static Optional<Pairing> pairingOf(String table, Map<String, Pairing> pairings) {
        return pairings.entrySet().stream().filter(e -> e.getKey().endsWith("__tiles_") ? table.startsWith(e.getKey())
                : table.equals(e.getKey())).map(Map.Entry::getValue).findFirst();
    }

    private String inRange() {
        return "ds BETWEEN DATE'" + from + "' AND DATE'" + to + "'";
    }

    /**
     * Main as the branch was cut from it: what the backfill changes. Main's later commits (a streaming job's
     * appends) stay as they are when it is published, so they are not part of the comparison.
     */
    private String mainAtFork(TableRefs table) {
        return table.forkPoint(branch).map(id -> table.table() + " VERSION AS OF " + id)
                .orElse("(SELECT * FROM " + table.table() + " WHERE FALSE)"); // cut from an empty main
    }

    /** Rows per day partition on each side (one line, {@code ds} NULL, for a table not partitioned by day). */
    private String rowsSql(TableRefs refs, boolean byDay) {
        String table = refs.table();
        String ds = byDay ? "ds" : "CAST(NULL AS DATE) AS ds";
        return "(SELECT '" + table + "' AS table, CAST(ds AS STRING) AS ds,\n"
                + "  count_if(side = 'main') AS main_rows, count_if(side = 'backfill') AS backfill_rows\n"
                + "FROM (SELECT " + ds + ", 'main' AS side FROM " + mainAtFork(refs) + "\n"
                + "      UNION ALL SELECT " + ds + ", 'backfill' AS side FROM " + table + " VERSION AS OF '" + branch + "')\n"
                + "GROUP BY ds\n"
                + "HAVING " + (byDay ? inRange() + " OR main_rows <> backfill_rows" : "TRUE") + ")";
    }

    /** Every value column as (row key, column, text), both sides full-outer-joined on key and column. */
    private String valuesSql(TableRefs refs, Pairing pairing) {
        String table = refs.table();
        String side = "SELECT to_json(map_filter(m, (k, v) -> " + pairing.isKey("k") + ")) AS key, e.col, e.v FROM (\n"
                + "    SELECT from_json(to_json(struct(*)), 'map<string,string>') AS m FROM %s WHERE " + inRange() + "\n"
                + "  ) LATERAL VIEW explode(map_filter(m, (k, v) -> NOT (" + pairing.isKey("k") + "))) e AS col, v";
        return "(WITH b AS (" + side.formatted(table + " VERSION AS OF '" + branch + "'") + "),\n"
                + "m AS (" + side.formatted(mainAtFork(refs)) + ")\n"
                + "SELECT '" + table + "' AS table, coalesce(b.col, m.col) AS column,\n"
                + "  count_if(b.v = m.v) AS same, count_if(b.v <> m.v) AS changed,\n"
                + "  count_if(m.v IS NULL) AS only_backfill, count_if(b.v IS NULL) AS only_main\n"
                + "FROM b FULL OUTER JOIN m ON b.key = m.key AND b.col = m.col\n"
                + "GROUP BY 1, 2)";
    }

    /** Reads the report job's output, writes {@code report.md} beside it and returns its text. */
    String render(Collection<String> tables) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Backfill ").append(branch).append(": what it changes on main (").append(from).append(" .. ").append(to)
                .append(")\n\n");
        md.append("## Rows per table (days whose count differs; all days of the range in report.json)\n\n");
        md.append("| table | days | rows on main | rows after backfill | days that differ |\n|---|---:|---:|---:|---:|\n");
        List<Object> rowsJson = new ArrayList<>();
        List<Object> valuesJson = new ArrayList<>();
        StringBuilder values = new StringBuilder();
        List<Map<String, Object>> allRows = lines(dir.resolve("rows"));
        List<Map<String, Object>> allValues = lines(dir.resolve("values"));
        for (String table : tables) {
            List<Map<String, Object>> rows = allRows.stream().filter(r -> table.equals(r.get("table"))).toList();
            rowsJson.addAll(rows);
            long main = rows.stream().mapToLong(r -> (Long) r.get("main_rows")).sum();
            long after = rows.stream().mapToLong(r -> (Long) r.get("backfill_rows")).sum();
            long differ = rows.stream().filter(r -> !r.get("main_rows").equals(r.get("backfill_rows"))).count();
            md.append("| ").append(table).append(" | ").append(rows.size()).append(" | ").append(main).append(" | ")
                    .append(after).append(" | ").append(differ).append(" |\n");
            for (Map<String, Object> v : allValues.stream().filter(r -> table.equals(r.get("table"))).toList()) {
                valuesJson.add(v);
                if ((Long) v.get("changed") + (Long) v.get("only_backfill") + (Long) v.get("only_main") > 0) {
                    values.append("| ").append(table).append(" | ").append(v.get("column")).append(" | ").append(v.get("same"))
                            .append(" | ").append(v.get("changed")).append(" | ").append(v.get("only_backfill")).append(" | ")
                            .append(v.get("only_main")).append(" |\n");
                }
            }
        }
        md.append("\n## Values per column of tiles and datasets (only columns with a difference)\n\n");
        md.append("Rows are paired on their keys; `new` counts values only the backfill has (a new row, or NULL before),"
                + " `gone` values only main has.\n\n");
        if (values.isEmpty()) {
            md.append("No value differs.\n");
        } else {
            md.append("| table | column | same | changed | new | gone |\n|---|---|---:|---:|---:|---:|\n").append(values);
        }
        Files.writeString(dir.resolve("report.md"), md.toString(), StandardCharsets.UTF_8);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rows", rowsJson);
        json.put("values", valuesJson);
        Files.writeString(dir.resolve("report.json"), Json.write(json) + "\n",
                StandardCharsets.UTF_8);
        return md.toString();
    }

    /** The JSON lines of a Spark output folder (none when the query returned nothing). */
    private static List<Map<String, Object>> lines(Path folder) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return rows;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path part : files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
                for (String line : Files.readAllLines(part, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        rows.add(Json.parseObject(line));
                    }
                }
            }
        }
        rows.sort((a, b) -> String.valueOf(a.get("ds") + "" + a.get("column")).compareTo(String.valueOf(b.get("ds") + "" + b.get("column"))));
        return rows;
    }
}
