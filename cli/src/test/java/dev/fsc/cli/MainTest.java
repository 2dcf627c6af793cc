package dev.fsc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The fsc command line, run in-process through {@link Main#run}. */
class MainTest {
    static final String ORDERS = """
            kind: source
            name: orders
            type: stream
            stream: { topic: orders, format: json }
            event_time: ts
            columns:
              order_id: BIGINT NOT NULL
              user_id: BIGINT NOT NULL
              amount: DECIMAL(12,2)
              status: VARCHAR
              ts: TIMESTAMP(3) NOT NULL
            """;
    static final String USER = "kind: entity\nname: user\nkeys: { user_id: BIGINT }\n";
    static final String VIEW = """
            kind: feature_view
            name: user_stats
            entity: user
            source: orders
            features:
              - name: order_count
                agg: count
                windows: [1h, 24h]
              - name: spend
                expr: amount
                agg: sum
                windows: [7d]
            """;

    @TempDir
    Path dir;

    /** What one run printed and returned. */
    record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Run fsc(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    /** A valid project: fsc.yaml, the orders source, the user entity and the user_stats view. */
    void validProject() throws IOException {
        write("fsc.yaml", "project: t\n");
        write("sources/orders.yaml", ORDERS);
        write("entities.yaml", USER);
        write("features/user_stats.yaml", VIEW);
    }

    static void assertNoStackTrace(Run run) {
        assertFalse(run.all().contains("\tat "), () -> "stack trace in output:\n" + run.all());
        assertFalse(run.all().contains("internal error"), () -> "internal error:\n" + run.all());
    }

    // --- validate ---

    @Test
    void validateValidProjectExitsZeroWithASummary() throws IOException {
        validProject();
        Run run = fsc("validate", dir.toString());
        assertEquals(0, run.code(), run::all);
        assertTrue(run.out().endsWith("1 project: 0 errors, 0 warnings" + System.lineSeparator()), run.out());
        assertTrue(run.out().contains("ok     " + dir + " (3 specs in 4 files)"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void validateReportsAnErrorLikeACompiler() throws IOException {
        validProject();
        Path view = write("features/user_stats.yaml", VIEW.replace("expr: amount", "expr: amout"));
        Run run = fsc("validate", dir.toString());
        assertEquals(1, run.code(), run::all);
        List<String> lines = run.out().lines().toList();
        int at = lines.indexOf(view + ":10:11: error[FSC3002]: unknown column `amout`");
        assertTrue(at >= 0, run.out());
        assertEquals("   |", lines.get(at + 1));
        assertEquals("10 |     expr: amout", lines.get(at + 2));
        assertEquals("   |           ^^^^^", lines.get(at + 3));
        assertEquals("   = hint: did you mean `amount`?", lines.get(at + 4));
        assertTrue(run.out().contains("failed " + dir), run.out());
        assertTrue(run.out().endsWith("1 project: 1 error, 0 warnings" + System.lineSeparator()), run.out());
        assertNoStackTrace(run);
    }

    @Test
    void validateFindsTheProjectEnclosingASpecFile() throws IOException {
        validProject();
        Run run = fsc("validate", dir.resolve("features/user_stats.yaml").toString());
        assertEquals(0, run.code(), run::all);
        assertTrue(run.out().contains("ok     " + dir), run.out());
    }

    @Test
    void validateCountsEveryProjectBelowAFolder() throws IOException {
        write("a/fsc.yaml", "project: a\n");
        write("a/sources/orders.yaml", ORDERS);
        write("b/fsc.yaml", "project: b\n");
        write("b/entities.yaml", USER);
        Run run = fsc("validate", dir.toString());
        assertEquals(0, run.code(), run::all);
        assertTrue(run.out().endsWith("2 projects: 0 errors, 0 warnings" + System.lineSeparator()), run.out());
    }

    @Test
    void jsonFormatIsOneParseableDocument() throws IOException {
        validProject();
        write("features/user_stats.yaml", VIEW.replace("expr: amount", "expr: amout"));
        Run run = fsc("validate", "--format", "json", dir.toString());
        assertEquals(1, run.code(), run::all);
        assertTrue(run.out().startsWith("{"), run.out());
        assertTrue(run.out().contains("\"code\" : \"FSC3002\""), run.out());
        JsonNode json = JsonMapper.builder().build().readTree(run.out());
        assertEquals(1, json.get("errors").asInt());
        assertEquals(0, json.get("warnings").asInt());
        JsonNode d = json.get("diagnostics").get(0);
        assertEquals("FSC3002", d.get("code").asString());
        assertEquals("error", d.get("severity").asString());
        assertEquals(dir.resolve("features/user_stats.yaml").toString(), d.get("file").asString());
        assertEquals(10, d.get("line").asInt());
        assertEquals(11, d.get("column").asInt());
        assertEquals(5, d.get("length").asInt());
        assertEquals("unknown column `amout`", d.get("message").asString());
        assertEquals("did you mean `amount`?", d.get("hint").asString());
    }

    @Test
    void jsonFormatOfAValidProjectHasNoDiagnostics() throws IOException {
        validProject();
        Run run = fsc("validate", "--format", "json", dir.toString());
        assertEquals(0, run.code(), run::all);
        JsonNode json = JsonMapper.builder().build().readTree(run.out());
        assertEquals(0, json.get("diagnostics").size());
        assertEquals(0, json.get("errors").asInt());
        assertFalse(run.out().contains("project:"), "no human summary in JSON output");
    }

    @Test
    void warningsExitZeroUnlessWarningsAreErrors() throws IOException {
        validProject();
        write("features/user_stats.yaml", VIEW.replace("source: orders\n", "source: orders\nttl: 1d\n"));
        Run run = fsc("validate", dir.toString());
        assertEquals(0, run.code(), run::all);
        assertTrue(run.out().contains("warning[FSC"), run.out());
        assertTrue(run.out().endsWith("1 project: 0 errors, 1 warning" + System.lineSeparator()), run.out());
        assertEquals(1, fsc("validate", "--warnings-as-errors", dir.toString()).code());
    }

    @Test
    void unknownOptionIsReportedWithoutATrace() throws IOException {
        validProject();
        Run run = fsc("validate", "--bogus", dir.toString());
        assertTrue(run.err().contains("Unknown option: '--bogus'"), run.err());
        assertTrue(run.err().contains("Usage: fsc validate"), run.err());
        assertEquals("", run.out());
        assertNoStackTrace(run);
    }

    @Test
    void unknownFormatIsReportedWithoutATrace() throws IOException {
        validProject();
        Run run = fsc("validate", "--format", "xml", dir.toString());
        assertTrue(run.err().contains("expected one of [human, json]"), run.err());
        assertNoStackTrace(run);
    }

    @Test
    void unknownCommandIsReportedWithoutATrace() {
        Run run = fsc("frobnicate");
        assertTrue(run.err().contains("'frobnicate'"), run.err());
        assertNoStackTrace(run);
    }

    @Test
    void usageErrorsExitWithTwo() throws IOException {
        validProject();
        assertEquals(2, fsc("validate", "--bogus", dir.toString()).code(), "unknown option");
        assertEquals(2, fsc("validate", "--format", "xml", dir.toString()).code(), "bad option value");
        assertEquals(2, fsc("frobnicate").code(), "unknown command");
        assertEquals(2, fsc("explain").code(), "missing parameter");
    }

    @Test
    void missingPathIsAUsageError() {
        Path missing = dir.resolve("nope");
        Run run = fsc("validate", missing.toString());
        assertEquals(2, run.code(), run::all);
        assertEquals("fsc validate: no such file or folder: " + missing, run.err().strip());
        assertNoStackTrace(run);
    }

    @Test
    void folderWithoutFscYamlIsAUsageError() throws IOException {
        write("sources/orders.yaml", ORDERS);
        Run run = fsc("validate", dir.toString());
        assertEquals(2, run.code(), run::all);
        assertTrue(run.err().contains("no fsc.yaml in or above " + dir), run.err());
        assertTrue(run.err().contains("hint:"), run.err());
        assertNoStackTrace(run);
    }

    @Test
    void versionAndHelpExitZero() {
        Run version = fsc("--version");
        assertEquals(0, version.code());
        assertTrue(version.out().startsWith("fsc "), version.out());
        Run help = fsc("validate", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--format"), help.out());
    }

    // --- explain ---

    @Test
    void explainViewPrintsEachFeatureWithItsType() throws IOException {
        validProject();
        Run run = fsc("explain", "user_stats", "-p", dir.toString());
        assertEquals(0, run.code(), run::all);
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).startsWith("feature_view user_stats  ("), lines.get(0));
        assertTrue(lines.get(0).endsWith("user_stats.yaml:1)"), lines.get(0));
        assertTrue(lines.contains("  entity      user (user_id BIGINT)"), run.out());
        assertTrue(lines.contains("  keys        user_id <- user_id"), run.out());
        assertTrue(lines.contains("    order_count_1h   BIGINT NOT NULL           count(*) over 1h (tiles of 1m)"), run.out());
        assertTrue(lines.contains("    order_count_24h  BIGINT NOT NULL           count(*) over 1d (tiles of 1m)"), run.out());
        assertTrue(lines.contains("    spend_7d         DECIMAL(38, 2)            sum(amount) over 7d (tiles of 1h)"), run.out());
    }

    @Test
    void explainSourcePrintsItsColumnTypes() throws IOException {
        validProject();
        Run run = fsc("explain", "orders", "--project", dir.toString());
        assertEquals(0, run.code(), run::all);
        assertTrue(run.out().contains("  type        stream"), run.out());
        assertTrue(run.out().contains("    amount                    DECIMAL(12, 2)"), run.out());
        assertTrue(run.out().contains("    ts                        TIMESTAMP(3) NOT NULL"), run.out());
    }

    @Test
    void explainUnknownNameExitsOneWithTheKnownNames() throws IOException {
        validProject();
        Run run = fsc("explain", "nonexistent", "-p", dir.toString());
        assertEquals(1, run.code(), run::all);
        assertTrue(run.err().contains("nothing is named `nonexistent` in project t"), run.err());
        assertTrue(run.err().contains("  hint: names: orders, user, user_stats"), run.err());
        assertEquals("", run.out());
        assertNoStackTrace(run);
    }

    @Test
    void explainMisspeltNameSuggestsTheClosest() throws IOException {
        validProject();
        Run run = fsc("explain", "user_stat", "-p", dir.toString());
        assertEquals(1, run.code(), run::all);
        assertTrue(run.err().contains("hint: did you mean `user_stats`?"), run.err());
    }

    @Test
    void explainOnABrokenProjectShowsTheErrors() throws IOException {
        validProject();
        write("features/user_stats.yaml", VIEW.replace("expr: amount", "expr: amout"));
        Run run = fsc("explain", "user_stats", "-p", dir.toString());
        assertEquals(1, run.code(), run::all);
        assertTrue(run.err().contains("error[FSC3002]"), run.err());
        assertTrue(run.err().contains("fix the errors above first"), run.err());
        assertNoStackTrace(run);
    }

    @Test
    void explainWithoutAProjectIsAUsageError() {
        Run run = fsc("explain", "x", "-p", dir.toString());
        assertEquals(2, run.code(), run::all);
        assertNoStackTrace(run);
    }

    @Test
    void explainWithoutANameSaysWhatIsMissing() {
        Run run = fsc("explain");
        assertTrue(run.err().contains("Missing required parameter: 'NAME'"), run.err());
        assertNoStackTrace(run);
    }
}
