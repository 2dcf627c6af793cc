package dev.fsc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every user mistake is a diagnostic and exit code 1, never an internal error with a Java stack trace.
 * Each case adds or replaces files in a valid project (fsc.yaml, source orders, entity user).
 */
class UserMistakesTest {
    private static final String VIEW = "kind: feature_view\nname: v\nentity: user\nsource: orders\n%sfeatures:\n"
            + "  - name: n\n    agg: count\n    windows: [%s]\n";
    private static final String DATASET = "kind: dataset\nname: d\nspine:\n  source: orders\n  timestamp: ts\n"
            + "  keys: { user: user_id }\nfeatures:\n  - v.*\n%s";
    private static final String BATCH = "kind: source\nname: q\ntype: batch\nbatch: { path: x }\ncolumns: { a: BIGINT }\n%s";

    @TempDir
    Path dir;

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("tab indentation", Map.of("x.yaml", "kind: entity\nname: x\nkeys:\n\tid: BIGINT\n")),
                Arguments.of("unclosed quote", Map.of("v.yaml", String.format(VIEW, "filter: \"status = 'x'\n", "1h"))),
                Arguments.of("duplicate key", Map.of("v.yaml", String.format(VIEW, "entity: user\n", "1h"))),
                Arguments.of("window 0s", Map.of("v.yaml", String.format(VIEW, "", "0s"))),
                Arguments.of("window not a multiple of the granularity", Map.of("v.yaml", String.format(VIEW, "granularity: 7m\n", "1h"))),
                Arguments.of("duration with a unit the spec lacks", Map.of("v.yaml", String.format(VIEW, "", "1w"))),
                Arguments.of("label without keys", Map.of("v.yaml", String.format(VIEW, "", "1h"),
                        "d.yaml", String.format(DATASET, "labels:\n  - name: l\n    source: orders\n    agg: exists\n    horizon: 7d\n"))),
                Arguments.of("cron hour 24", Map.of("v.yaml", String.format(VIEW, "", "1h"),
                        "d.yaml", String.format(DATASET, "schedule: \"0 24 * * *\"\n"))),
                Arguments.of("range min .inf", Map.of("q.yaml", String.format(BATCH, "quality:\n  - range: { column: a, min: .inf }\n"))),
                Arguments.of("two checks in one quality item", Map.of("q.yaml",
                        String.format(BATCH, "quality:\n  - not_null: [a]\n    unique: [a]\n"))),
                Arguments.of("SQL syntax error", Map.of("v.yaml", String.format(VIEW, "filter: \"amount +\"\n", "1h"))),
                Arguments.of("composite entity bound to one column", Map.of(
                        "e2.yaml", "kind: entity\nname: ui\nkeys: { user_id: BIGINT, order_id: BIGINT }\n",
                        "v.yaml", String.format(VIEW, "", "1h"),
                        "d.yaml", String.format(DATASET.replace("user: user_id", "ui: user_id"), ""))),
                Arguments.of("query without event_time", Map.of("v.yaml", "kind: feature_view\nname: v\nentity: user\n"
                        + "query: SELECT user_id FROM orders\nfeatures:\n  - name: n\n    agg: count\n    windows: [1h]\n")),
                Arguments.of("query with GROUP BY", Map.of("v.yaml", "kind: feature_view\nname: v\nentity: user\n"
                        + "query: SELECT user_id, MAX(ts) AS event_time FROM orders GROUP BY user_id\n"
                        + "features:\n  - name: n\n    agg: count\n    windows: [1h]\n")),
                Arguments.of("query on an unknown table", Map.of("v.yaml", "kind: feature_view\nname: v\nentity: user\n"
                        + "query: SELECT user_id, ts AS event_time FROM ordrs\nfeatures:\n  - name: n\n    agg: count\n")),
                Arguments.of("source and query", Map.of("v.yaml", "kind: feature_view\nname: v\nentity: user\nsource: orders\n"
                        + "query: SELECT 1\nfeatures:\n  - name: n\n    agg: count\n")),
                Arguments.of("document of only ---", Map.of("x.yaml", "---\n")),
                Arguments.of("document with only kind", Map.of("x.yaml", "kind: source\n")),
                Arguments.of("unknown kind", Map.of("x.yaml", "kind: sauce\nname: x\n")),
                Arguments.of("null entity", Map.of("v.yaml", "kind: feature_view\nname: v\nentity:\nsource: orders\n"
                        + "features:\n  - name: n\n    agg: count\n")),
                Arguments.of("empty features", Map.of("v.yaml", "kind: feature_view\nname: v\nentity: user\nsource: orders\nfeatures: []\n")),
                Arguments.of("alias bomb", Map.of("x.yaml", "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
                        + "c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b,"
                        + " *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n")),
                Arguments.of("entity key type is a number", Map.of("e2.yaml", "kind: entity\nname: u2\nkeys: { user_id: 5 }\n")),
                Arguments.of("column without a type", Map.of("q.yaml", "kind: source\nname: q\ntype: batch\nbatch: { path: x }\ncolumns: { a: }\n")),
                Arguments.of("column type with SQL after it", Map.of("q.yaml",
                        "kind: source\nname: q\ntype: batch\nbatch: { path: x }\ncolumns: { a: \"BIGINT) FROM x --\" }\n")),
                Arguments.of("duplicate source name", Map.of("o2.yaml", MainTest.ORDERS)),
                Arguments.of("fsc.yaml is a list", Map.of("fsc.yaml", "- a\n")),
                Arguments.of("fsc.yaml is empty", Map.of("fsc.yaml", "")),
                Arguments.of("fsc.yaml is broken", Map.of("fsc.yaml", "project: [\n")),
                Arguments.of("local input names no source", Map.of("fsc.yaml",
                        "project: t\nenvironments:\n  local:\n    inputs: { nope: data/x.jsonl }\n")),
                Arguments.of("environment is a number", Map.of("fsc.yaml", "project: t\nenvironments:\n  local: 5\n")));
    }

    /** Durations and numbers the schemas accept but the spec reader cannot hold. */
    static Stream<Arguments> crashes() {
        return Stream.of(
                Arguments.of("granularity 0s", Map.of("v.yaml", String.format(VIEW, "granularity: 0s\n", "1h"))),
                Arguments.of("window of 10 digits", Map.of("v.yaml", String.format(VIEW, "", "1000000000s"))),
                Arguments.of("label horizon of 10 digits", Map.of("v.yaml", String.format(VIEW, "", "1h"),
                        "d.yaml", String.format(DATASET, "labels:\n  - name: l\n    source: orders\n    keys: { user_id: user_id }\n"
                                + "    agg: exists\n    horizon: 1000000000d\n"))),
                Arguments.of("cron field beyond int", Map.of("v.yaml", String.format(VIEW, "", "1h"),
                        "d.yaml", String.format(DATASET, "schedule: \"0 99999999999 * * *\"\n"))),
                Arguments.of("volume written 1.0", Map.of("q.yaml", String.format(BATCH, "quality:\n  - volume: { min_rows_per_day: 1.0 }\n"))),
                Arguments.of("volume beyond long", Map.of("q.yaml",
                        String.format(BATCH, "quality:\n  - volume: { min_rows_per_day: 99999999999999999999 }\n"))));
    }

    private record Run(int code, String output) {
    }

    private Run project(Map<String, String> files) throws IOException {
        Files.writeString(dir.resolve("fsc.yaml"), "project: t\n");
        Files.writeString(dir.resolve("orders.yaml"), MainTest.ORDERS);
        Files.writeString(dir.resolve("user.yaml"), MainTest.USER);
        for (var file : files.entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue());
        }
        return fsc("validate", dir.toString());
    }

    private static Run fsc(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out + "" + err);
    }

    private static void assertReported(Run run) {
        assertFalse(run.output().contains("\tat "), () -> "stack trace:\n" + run.output());
        assertFalse(run.output().contains("internal error"), run::output);
        assertEquals(1, run.code(), run::output);
        assertTrue(run.output().contains(": error[FSC"), run::output);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void validateReportsTheMistakeWithoutATrace(String name, Map<String, String> files) throws IOException {
        assertReported(project(files));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void explainReportsTheMistakeWithoutATrace(String name, Map<String, String> files) throws IOException {
        project(files);
        assertReported(fsc("explain", "orders", "-p", dir.toString()));
    }

    @Test
    void fileThatIsNotUtf8IsReportedWithoutATrace() throws IOException {
        Files.write(dir.resolve("latin1.yaml"), "kind: entity\nname: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Run run = project(Map.of());
        assertReported(run);
        assertTrue(run.output().contains("error[FSC1002]"), run::output);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crashes")
    void valuesTheSchemaAcceptsDoNotCrash(String name, Map<String, String> files) throws IOException {
        Run run = project(files);
        assertFalse(run.output().contains("\tat "), () -> "stack trace:\n" + run.output());
        assertTrue(run.code() == 0 || run.code() == 1, run::output);
    }
}
