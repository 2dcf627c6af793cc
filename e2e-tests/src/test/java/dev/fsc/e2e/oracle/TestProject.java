package dev.fsc.e2e.oracle;

import dev.fsc.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** A tiny synthetic project for oracle tests: fsc.yaml binding each source to data/<source>.jsonl. */
final class TestProject {
    private final Path dir;

    private TestProject(Path dir) {
        this.dir = dir;
    }

    static TestProject create(Path dir, String project, String... sources) {
        StringBuilder yaml = new StringBuilder("project: " + project + "  # a test project\n"
                + "environments:\n  local:\n    inputs:\n");
        try {
            Files.createDirectories(dir.resolve("data"));
            for (String s : sources) {
                yaml.append("      ").append(s).append(": data/").append(s).append(".jsonl\n");
                Files.writeString(dir.resolve("data/" + s + ".jsonl"), "");
            }
            yaml.append("  prod:\n    state: \"s3://x/state\"\n");
            Files.writeString(dir.resolve("fsc.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestProject(dir);
    }

    /** Appends one record (a map, see {@link #row}) to a source's file. */
    TestProject add(String source, Map<String, Object> record) {
        try {
            Files.writeString(dir.resolve("data/" + source + ".jsonl"), line(record) + "\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Oracle load(String from, String to) {
        return Oracle.load(dir, LocalDate.parse(from), LocalDate.parse(to));
    }

    /** An ordered record: {@code row("a", 1L, "b", null)}. */
    static Map<String, Object> row(Object... namesAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }

    /** A Debezium change event; {@code sourceTsMs} is the commit time, {@code tsMs} the arrival. */
    static Map<String, Object> change(String op, Map<String, Object> before, Map<String, Object> after,
            long sourceTsMs, long lsn, long tsMs) {
        return row("before", before, "after", after, "source", row("ts_ms", sourceTsMs, "lsn", lsn),
                "op", op, "ts_ms", tsMs);
    }

    /** Epoch milliseconds of a UTC timestamp, as Debezium writes TIMESTAMP(3). */
    static long ms(String isoUtc) {
        return Times.millis(LocalDateTime.parse(isoUtc));
    }

    private static String line(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sb.append(sb.length() > 1 ? "," : "").append(Json.quote((String) e.getKey())).append(':').append(line(e.getValue()));
            }
            return sb.append('}').toString();
        }
        return value instanceof String s ? Json.quote(s) : String.valueOf(value);
    }
}
