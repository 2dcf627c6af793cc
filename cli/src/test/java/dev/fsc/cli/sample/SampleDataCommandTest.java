package dev.fsc.cli.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code fsc sample-data} as a user runs it: files, determinism, options, progress and refusals. */
class SampleDataCommandTest {
    @TempDir
    Path dir;

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    @Test
    void writesEveryBoundSourceAndAManifestWithProgressLines() throws IOException {
        GeneratedExamples m = GeneratedExamples.of("marketplace");
        assertEquals(List.of("MANIFEST.json", "catalog.jsonl", "clicks.jsonl", "impressions.jsonl", "orders.jsonl", "users.jsonl"),
                names(m.root.resolve("data")));
        String out = m.run.out();
        assertTrue(out.matches("(?s).*clicks: [\\d,]+ events \\([\\d,]+ duplicates, [\\d,]+ late\\) -> .*data/clicks\\.jsonl\n.*"), out);
        assertTrue(out.matches("(?s).*users: [\\d,]+ change events \\([\\d,]+ rows: .* deletes\\) -> .*data/users\\.jsonl\n.*"), out);
        assertTrue(out.contains("manifest -> "), out);
        assertEquals(6, out.lines().count(), out);
        JsonNode manifest = m.manifest();
        assertEquals("novamind", manifest.get("project").asString());
        assertEquals(42, manifest.get("args").get("seed").asLong());
        assertEquals(2000, manifest.get("args").get("events_per_day").asLong());
        assertEquals(5, manifest.get("files").size());
        assertEquals("clicks.jsonl", m.manifestEntry("clicks").get("file").asString());
    }

    @Test
    void sameArgumentsWriteTheSameBytesAndAnotherSeedDoesNot() throws IOException {
        GeneratedExamples d = GeneratedExamples.of("dispatch");
        Path again = dir.resolve("again");
        GeneratedExamples.Run run = GeneratedExamples.fsc("sample-data", "--project", d.root.toString(), "--out", again.toString());
        assertEquals(0, run.code(), run.err());
        assertEquals(names(d.root.resolve("data")), names(again));
        for (String name : names(again)) {
            assertArrayEquals(Files.readAllBytes(d.root.resolve("data").resolve(name)), Files.readAllBytes(again.resolve(name)), name);
        }
        Path other = dir.resolve("other");
        assertEquals(0, GeneratedExamples.fsc("sample-data", "--project", d.root.toString(), "--out", other.toString(), "--seed", "7").code());
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(again.resolve("gps_pings.jsonl")),
                Files.readAllBytes(other.resolve("gps_pings.jsonl"))));
    }

    @Test
    void daysStartAndRateShapeTheFiles() throws IOException {
        Path root = GeneratedExamples.copyExample("marketplace", dir.resolve("m"));
        GeneratedExamples.Run run = GeneratedExamples.fsc("sample-data", "-p", root.toString(), "--days", "1",
                "--start", "2025-02-28", "--events-per-day", "300", "--seed", "1");
        assertEquals(0, run.code(), run.err());
        List<String> clicks = Files.readAllLines(root.resolve("data/clicks.jsonl"));
        assertTrue(clicks.size() >= 300 && clicks.size() < 330, "300 events plus duplicates: " + clicks.size());
        assertTrue(clicks.stream().allMatch(l -> l.contains("\"ts\":\"2025-02-28T")), "every event on the start day");
        JsonNode manifest = GeneratedExamples.JSON.readTree(Files.readString(root.resolve("data/MANIFEST.json")));
        assertEquals("2025-03-01T00:00:00.000Z", manifest.get("window").get("to").asString());
    }

    @Test
    void generatedRowsSatisfyTheExpectChecks() {
        GeneratedExamples m = GeneratedExamples.of("marketplace");
        for (JsonNode line : m.lines("catalog")) {
            JsonNode price = line.get("price_usd");
            JsonNode list = line.get("list_price_usd");
            assertTrue(price.isNull() || list.isNull() || price.decimalValue().compareTo(list.decimalValue()) <= 0, line.toString());
        }
        for (JsonNode event : m.lines("users")) {
            JsonNode after = event.get("after");
            if (!after.isNull()) {
                String country = after.get("country").isNull() ? "US" : after.get("country").asString();
                assertTrue(country.matches("[A-Z]{2}"), country);
                assertTrue(after.get("signup_at").longValue() <= after.get("updated_at").longValue(), after.toString());
            }
        }
        for (JsonNode event : m.lines("orders")) {
            JsonNode after = event.get("after");
            if (!after.isNull()) {
                String status = after.get("status").asString();
                assertTrue(List.of("placed", "cancelled").contains(status) || !after.get("payment_method").isNull(), after.toString());
                assertTrue(after.get("created_at").isNull() || after.get("created_at").longValue() <= after.get("updated_at").longValue());
                assertTrue(new BigDecimal(after.get("amount_usd").isNull() ? "0" : after.get("amount_usd").asString()).signum() >= 0);
            }
        }
        GeneratedExamples d = GeneratedExamples.of("dispatch");
        for (JsonNode line : d.lines("dispatch_events")) {
            String type = line.get("event_type").asString();
            assertTrue(List.of("requested", "cancelled").contains(type) || !line.get("provider_id").isNull(), line.toString());
            if (type.equals("arrived")) {
                assertFalse(line.get("assigned_at").isNull(), line.toString());
                assertTrue(ValueAssertions.epochMillis(line.get("assigned_at")) <= ValueAssertions.epochMillis(line.get("event_ts")));
            }
        }
    }

    @Test
    void refusesAProjectWithErrorsAndWritesNothing() throws IOException {
        Path invalid = GeneratedExamples.EXAMPLES.resolveSibling("invalid").resolve("sql_unknown_column_in_expr");
        Path root = dir.resolve("broken");
        try (Stream<Path> files = Files.walk(invalid)) {
            for (Path file : files.toList()) {
                Path to = root.resolve(invalid.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        }
        GeneratedExamples.Run run = GeneratedExamples.fsc("sample-data", "--project", root.toString());
        assertEquals(1, run.code());
        assertTrue(run.err().contains("error[FSC"), run.err());
        assertTrue(run.err().contains("fix the errors above first"), run.err());
        assertFalse(Files.exists(root.resolve("data")));
    }

    @Test
    void explainsWhenNothingIsBoundLocally() throws IOException {
        Files.writeString(dir.resolve("fsc.yaml"), "project: t\n");
        Files.writeString(dir.resolve("s.yaml"), STREAM);
        GeneratedExamples.Run run = GeneratedExamples.fsc("sample-data", "--project", dir.toString());
        assertEquals(1, run.code());
        assertTrue(run.err().contains("binds no source to a file in the local environment"), run.err());
        assertTrue(run.err().contains("hint: "), run.err());
    }

    @Test
    void folderBindingsGetAFileAndOtherFormatsAreSkipped() throws IOException {
        Files.writeString(dir.resolve("fsc.yaml"), """
                project: t
                environments:
                  local:
                    inputs:
                      s: data/s/
                      t: data/t.csv
                """);
        Files.writeString(dir.resolve("s.yaml"), STREAM + "---\n" + STREAM.replace("name: s", "name: t"));
        GeneratedExamples.Run run = GeneratedExamples.fsc("sample-data", "--project", dir.toString(), "--events-per-day", "50");
        assertEquals(0, run.code(), run.err());
        assertTrue(Files.exists(dir.resolve("data/s/s.jsonl")), run.out());
        assertTrue(run.err().contains("skipping t"), run.err());
        assertFalse(Files.exists(dir.resolve("data/t.csv")));
        assertTrue(Files.exists(dir.resolve("data/s/MANIFEST.json")));
    }

    /** A day of 40 rows fails a 1 % limit with one NULL: small samples must have none where a check would fail. */
    @Test
    void smallDaysKeepEveryNullRateCheck() throws IOException {
        Path root = GeneratedExamples.copyExample("marketplace", dir.resolve("marketplace"));
        GeneratedExamples.Run run = GeneratedExamples.fsc("sample-data", "--project", root.toString(), "--days", "30",
                "--events-per-day", "40");
        assertEquals(0, run.code(), run.err());
        Map<String, Double> limits = Map.of("clicks.session_id", 0.01, "impressions.model_version", 0.01, "orders.item_id", 0.02);
        Map<String, String> eventTimes = Map.of("clicks", "ts", "impressions", "ts", "orders", "updated_at");
        limits.forEach((column, limit) -> {
            String source = column.substring(0, column.indexOf('.'));
            Map<Long, long[]> nullsAndRowsPerDay = new java.util.TreeMap<>();
            try {
                for (String line : Files.readAllLines(root.resolve("data/" + source + ".jsonl"))) {
                    JsonNode event = GeneratedExamples.JSON.readTree(line);
                    // CDC sources (orders) are Debezium envelopes: the row is the after (or, deleted, the before) image
                    JsonNode row = !event.has("after") ? event : event.get("after").isNull() ? event.get("before") : event.get("after");
                    long day = ValueAssertions.epochMillis(row.get(eventTimes.get(source))) / 86_400_000L;
                    long[] counts = nullsAndRowsPerDay.computeIfAbsent(day, d -> new long[2]);
                    counts[0] += row.get(column.substring(column.indexOf('.') + 1)).isNull() ? 1 : 0;
                    counts[1]++;
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            assertTrue(nullsAndRowsPerDay.size() >= 30, column + ": " + nullsAndRowsPerDay.keySet());
            nullsAndRowsPerDay.forEach((day, counts) -> assertTrue(counts[0] <= limit * counts[1],
                    column + " on day " + day + ": " + counts[0] + " NULLs in " + counts[1] + " rows"));
        });
    }

    @Test
    void rejectsNonsenseOptions() {
        assertEquals(2, GeneratedExamples.fsc("sample-data", "--days", "0").code());
        assertEquals(2, GeneratedExamples.fsc("sample-data", "--start", "yesterday").code());
    }

    @Test
    void handlesOtherTypesCompositeKeysAndCdcLateness() throws IOException {
        Files.writeString(dir.resolve("fsc.yaml"), """
                project: t
                environments:
                  local:
                    inputs: { readings: in/readings.jsonl, sites: in/sites.jsonl }
                """);
        Files.writeString(dir.resolve("specs.yaml"), """
                kind: source
                name: readings
                type: stream
                stream: { topic: r, format: json }
                event_time: at
                columns:
                  sensor_code: CHAR(2) NOT NULL
                  site: SMALLINT
                  reading: FLOAT
                  day: DATE
                  tod: TIME
                  note: VARCHAR(5)
                  flag: BOOLEAN
                  at: TIMESTAMP(3) NOT NULL
                dedup: { key: [sensor_code, at], within: 5m }
                lateness: 30s
                quality:
                  - accepted_values: { column: sensor_code, values: [AA, BB, CC] }
                  - range: { column: reading, min: -1.5, max: 1.5 }
                ---
                kind: source
                name: sites
                type: cdc
                cdc: { database: fleet, table: sites, topic: x.sites }
                primary_key: [site, region_code]
                event_time: changed_at
                columns:
                  site: SMALLINT NOT NULL
                  region_code: VARCHAR NOT NULL
                  capacity: DECIMAL(5,1)
                  changed_at: TIMESTAMP(3) NOT NULL
                lateness: 1m
                ---
                kind: entity
                name: site
                keys: { site: SMALLINT }
                ---
                kind: feature_view
                name: site_readings
                entity: site
                source: readings
                features:
                  - name: readings
                    agg: count
                    windows: [1h]
                """);
        GeneratedExamples.Run run = GeneratedExamples.fsc("sample-data", "--project", dir.toString(), "--days", "2", "--events-per-day", "500");
        assertEquals(0, run.code(), run.err());
        var model = new dev.fsc.compiler.Compiler().compile(dir).model().orElseThrow();
        var readings = ColumnRule.of(model.source("readings").orElseThrow(), 500);
        java.util.Set<String> sites = new java.util.HashSet<>();
        for (String line : Files.readAllLines(dir.resolve("in/readings.jsonl"))) {
            JsonNode row = GeneratedExamples.JSON.readTree(line);
            readings.values().forEach(rule -> ValueAssertions.check("readings", rule, row.get(rule.name()), false));
            if (!row.get("site").isNull()) {
                sites.add(row.get("site").toString());
            }
        }
        var siteRules = ColumnRule.of(model.source("sites").orElseThrow(), 500);
        java.util.Set<String> cdcSites = new java.util.HashSet<>();
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (String line : Files.readAllLines(dir.resolve("in/sites.jsonl"))) {
            JsonNode event = GeneratedExamples.JSON.readTree(line);
            JsonNode image = event.get("after").isNull() ? event.get("before") : event.get("after");
            siteRules.values().forEach(rule -> ValueAssertions.check("sites", rule, image.get(rule.name()), true));
            cdcSites.add(image.get("site").toString());
            if (event.get("op").asString().equals("c") || event.get("op").asString().equals("r")) {
                assertTrue(keys.add(image.get("site") + "/" + image.get("region_code")), "composite primary keys are unique");
            }
        }
        assertTrue(cdcSites.containsAll(sites), "readings refer to sites of the sites table");
        JsonNode manifest = GeneratedExamples.JSON.readTree(Files.readString(dir.resolve("in/MANIFEST.json")));
        for (JsonNode file : manifest.get("files")) {
            assertTrue(file.get("late").asLong() > 0, file.toString());
            assertFalse(file.has("rows_failing_checks"), file.toString());
        }
    }

    static final String STREAM = """
            kind: source
            name: s
            type: stream
            stream: { topic: s, format: json }
            event_time: ts
            columns:
              id: BIGINT NOT NULL
              amount: DECIMAL(8,3)
              ts: TIMESTAMP(3) NOT NULL
            dedup: { key: [id], within: 1h }
            lateness: 1m
            """;
}
