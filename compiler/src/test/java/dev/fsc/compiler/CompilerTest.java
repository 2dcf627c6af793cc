package dev.fsc.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.compiler.diag.Code;
import dev.fsc.compiler.diag.Diagnostic;
import dev.fsc.compiler.model.Column;
import dev.fsc.compiler.model.Dataset;
import dev.fsc.compiler.model.Feature;
import dev.fsc.compiler.model.FeatureView;
import dev.fsc.compiler.model.Model;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles small projects end to end: load, resolve, type. */
class CompilerTest {
    @TempDir
    Path dir;

    private static final String TYPED_FEATURES = """
              - name: order_count
                agg: count
                windows: [1h, 24h]
              - name: qty_total
                expr: qty
                agg: sum
                windows: [7d]
              - name: spend
                expr: amount
                agg: sum
                windows: [7d]
              - name: avg_spend
                expr: amount
                agg: avg
                windows: [7d]
              - name: top_status
                expr: status
                agg: max
                windows: [1d]
              - name: last_ts
                expr: ts
                agg: last
            """;

    private TestProject project() {
        return TestProject.withBasics(dir);
    }

    private static Model modelOf(CompileResult result) {
        assertEquals(List.of(), result.diagnostics(), "a valid project gives no diagnostics");
        return result.model().orElseThrow();
    }

    private static Column typeOf(FeatureView view, String output) {
        return view.feature(output).orElseThrow(() -> new AssertionError("no feature " + output + " in "
                + view.features().stream().map(Feature::outputName).toList())).type();
    }

    private static Diagnostic single(CompileResult result, Code code) {
        List<Diagnostic> errors = result.diagnostics().stream().filter(Diagnostic::isError).toList();
        assertEquals(1, errors.size(), () -> "errors: " + errors);
        assertEquals(code, errors.get(0).code(), () -> errors.get(0).toString());
        assertTrue(result.model().isEmpty(), "no model when there are errors");
        return errors.get(0);
    }

    private static String at(Diagnostic d) {
        return d.pos().file().getFileName() + ":" + d.pos().line() + ":" + d.pos().column();
    }

    // --- valid projects and feature types ---

    @Test
    void validProjectHasNoDiagnosticsAndAModel() {
        CompileResult result = project().view("features/user_stats.yaml", "user_stats", "", TYPED_FEATURES).compile();
        Model model = modelOf(result);
        assertFalse(result.hasErrors());
        assertEquals(List.of("orders", "users"), model.sources().stream().map(s -> s.name()).sorted().toList());
        assertEquals("t", model.project().project().value());
        assertEquals(1, model.views().size());
        assertEquals(4, result.specCount());
    }

    @Test
    void countWithoutTtlIsBigintNotNull() {
        FeatureView view = typedView();
        assertEquals(new Column("order_count_1h", "BIGINT", false), typeOf(view, "order_count_1h"));
        assertEquals("BIGINT NOT NULL", typeOf(view, "order_count_1h").typeText());
    }

    /** The view of TYPED_FEATURES without a ttl, compiled. */
    private FeatureView typedView() {
        return modelOf(project().view("v.yaml", "user_stats", "", TYPED_FEATURES).compile()).view("user_stats").orElseThrow();
    }

    @Test
    void countWithTtlIsNullable() {
        FeatureView view = modelOf(project().view("v.yaml", "user_stats", "ttl: 30d\n", TYPED_FEATURES).compile())
                .view("user_stats").orElseThrow();
        assertEquals(new Column("order_count_1h", "BIGINT", true), typeOf(view, "order_count_1h"));
    }

    @Test
    void sumOfIntegerWidensToBigint() {
        FeatureView view = typedView();
        assertEquals(new Column("qty_total_7d", "BIGINT", true), typeOf(view, "qty_total_7d"));
    }

    @Test
    void sumOfDecimalWidensTo38DigitsKeepingTheScale() {
        FeatureView view = typedView();
        assertEquals(new Column("spend_7d", "DECIMAL(38, 2)", true), typeOf(view, "spend_7d"));
    }

    @Test
    void avgIsDouble() {
        FeatureView view = typedView();
        assertEquals(new Column("avg_spend_7d", "DOUBLE", true), typeOf(view, "avg_spend_7d"));
    }

    @Test
    void maxOfVarcharKeepsVarchar() {
        FeatureView view = typedView();
        assertEquals(new Column("top_status_1d", "VARCHAR", true), typeOf(view, "top_status_1d"));
    }

    @Test
    void lastOfTimestampKeepsTheTypeAndIsNullable() {
        FeatureView view = typedView();
        Feature last = view.feature("last_ts").orElseThrow();
        assertEquals(new Column("last_ts", "TIMESTAMP(3)", true), last.type());
        assertEquals(Optional.empty(), last.window());
    }

    @Test
    void outputNamesUseTheWindowAsWritten() {
        FeatureView view = typedView();
        assertEquals(List.of("order_count_1h", "order_count_24h", "qty_total_7d", "spend_7d", "avg_spend_7d", "top_status_1d", "last_ts"),
                view.features().stream().map(Feature::outputName).toList());
        Feature day = view.feature("order_count_24h").orElseThrow();
        assertEquals(Optional.of(Duration.ofHours(24)), day.window());
    }

    @Test
    void defaultTileSizeFollowsTheWindowLength() {
        FeatureView view = typedView();
        assertEquals(Duration.ofMinutes(1), view.feature("order_count_24h").orElseThrow().tileSize());
        assertEquals(Duration.ofHours(1), view.feature("spend_7d").orElseThrow().tileSize());
    }

    @Test
    void keyColumnsDefaultToTheEntityKeyName() {
        FeatureView view = typedView();
        assertEquals(java.util.Map.of("user_id", "user_id"), view.keyColumns());
        assertEquals(List.of("orders"), view.inputSources());
    }

    @Test
    void datasetExpandsViewStarToEveryFeatureInOrder() {
        CompileResult result = project().view("v.yaml", "user_stats", "", TYPED_FEATURES).file("datasets/training.yaml", """
                kind: dataset
                name: training
                spine:
                  source: orders
                  timestamp: ts
                  keys: { user: user_id }
                  columns: [order_id]
                features:
                  - user_stats.*
                """).compile();
        Dataset dataset = modelOf(result).dataset("training").orElseThrow();
        assertEquals(List.of("order_count_1h", "order_count_24h", "qty_total_7d", "spend_7d", "avg_spend_7d", "top_status_1d", "last_ts"),
                dataset.features().stream().map(f -> f.feature().outputName()).toList());
        assertTrue(dataset.features().stream().allMatch(f -> f.view().equals("user_stats")));
    }

    @Test
    void datasetSelectsOneFeatureByName() {
        CompileResult result = project().view("v.yaml", "user_stats", "", TYPED_FEATURES).file("d.yaml", """
                kind: dataset
                name: training
                spine:
                  source: orders
                  timestamp: ts
                  keys: { user: user_id }
                features:
                  - user_stats.spend_7d
                """).compile();
        Dataset dataset = modelOf(result).dataset("training").orElseThrow();
        assertEquals(List.of("spend_7d"), dataset.features().stream().map(f -> f.feature().outputName()).toList());
    }

    @Test
    void queryViewMayJoinACdcSourceAsOfTheEventTime() {
        CompileResult result = project().file("q.yaml", """
                kind: feature_view
                name: orders_by_country
                entity: user
                query: |
                  SELECT o.user_id, u.country, o.ts AS event_time
                  FROM orders AS o
                  JOIN users FOR SYSTEM_TIME AS OF o.ts AS u
                    ON o.user_id = u.user_id
                features:
                  - name: last_country
                    expr: country
                    agg: last
                """).compile();
        FeatureView view = modelOf(result).view("orders_by_country").orElseThrow();
        assertEquals(new Column("last_country", "VARCHAR", true), typeOf(view, "last_country"));
    }

    // --- errors ---

    @Test
    void unknownColumnInExprSuggestsTheClosestColumn() {
        CompileResult result = project().view("v.yaml", "user_stats", "", """
                  - name: spend
                    expr: amout
                    agg: sum
                    windows: [7d]
                """).compile();
        Diagnostic d = single(result, Code.SQL_UNKNOWN_COLUMN);
        assertEquals("FSC3002", d.code().id());
        assertEquals("v.yaml:7:11", at(d));
        assertEquals(5, d.pos().length());
        assertEquals("unknown column `amout`", d.message());
        assertEquals(Optional.of("did you mean `amount`?"), d.hint());
    }

    @Test
    void unknownColumnInAMultiLineQueryPointsAtItsFileLine() {
        CompileResult result = project().file("q.yaml", """
                kind: feature_view
                name: q
                entity: user
                query: |
                  SELECT o.user_id,
                         o.amout,
                         o.ts AS event_time
                  FROM orders AS o
                features:
                  - name: n
                    agg: count
                    windows: [1h]
                """).compile();
        Diagnostic d = single(result, Code.SQL_UNKNOWN_COLUMN);
        assertEquals("q.yaml:6:12", at(d));
    }

    @Test
    void sumOfVarcharIsATypeMismatch() {
        CompileResult result = project().view("v.yaml", "user_stats", "", """
                  - name: s
                    expr: status
                    agg: sum
                    windows: [7d]
                """).compile();
        Diagnostic d = single(result, Code.AGG_TYPE_MISMATCH);
        assertEquals("FSC3004", d.code().id());
        assertEquals("v.yaml:7:11", at(d));
        assertTrue(d.message().contains("sum needs a number"), d.message());
    }

    @Test
    void filterThatIsNotBooleanIsRejected() {
        CompileResult result = project().view("v.yaml", "user_stats", "filter: qty + 1\n", """
                  - name: n
                    agg: count
                    windows: [1h]
                """).compile();
        Diagnostic d = single(result, Code.NOT_BOOLEAN);
        assertEquals("FSC3005", d.code().id());
        assertEquals("v.yaml:5:9", at(d));
        assertTrue(d.message().contains("INTEGER"), d.message());
    }

    @Test
    void randIsRejectedAsNonDeterministic() {
        CompileResult result = project().view("v.yaml", "user_stats", "", """
                  - name: r
                    expr: RAND()
                    agg: sum
                    windows: [1h]
                """).compile();
        Diagnostic d = single(result, Code.NON_DETERMINISTIC);
        assertEquals("FSC3009", d.code().id());
        assertEquals("v.yaml:7:11", at(d));
    }

    @Test
    void currentTimestampIsRejectedAsNonDeterministic() {
        CompileResult result = project().view("v.yaml", "user_stats", "filter: ts < CURRENT_TIMESTAMP\n", """
                  - name: n
                    agg: count
                    windows: [1h]
                """).compile();
        single(result, Code.NON_DETERMINISTIC);
    }

    @Test
    void aggregateInsideExprIsRejected() {
        CompileResult result = project().view("v.yaml", "user_stats", "", """
                  - name: s
                    expr: SUM(qty)
                    agg: sum
                    windows: [1h]
                """).compile();
        Diagnostic d = single(result, Code.AGGREGATE_IN_EXPR);
        assertEquals("FSC3006", d.code().id());
        assertEquals("v.yaml:7:11", at(d));
    }

    @Test
    void forSystemTimeAsOfAStreamSourceSaysItIsNotCdc() {
        CompileResult result = project().file("more.yaml", TestProject.ORDERS.replace("name: orders", "name: refunds"))
                .file("q.yaml", """
                kind: feature_view
                name: q
                entity: user
                query: |
                  SELECT o.user_id, o.ts AS event_time
                  FROM orders AS o
                  JOIN refunds FOR SYSTEM_TIME AS OF o.ts AS r
                    ON o.order_id = r.order_id
                features:
                  - name: n
                    agg: count
                    windows: [1h]
                """).compile();
        Diagnostic d = single(result, Code.SQL_INVALID);
        assertTrue(d.message().contains("`refunds` is not a cdc source"), d.message());
        assertTrue(d.hint().orElseThrow().contains("FOR SYSTEM_TIME AS OF joins a cdc source"));
        assertEquals(7, d.pos().line());
    }

    @Test
    void implicitCoercionIsRejected() {
        CompileResult result = project().view("v.yaml", "user_stats", "", """
                  - name: s
                    expr: amount + 'abc'
                    agg: sum
                    windows: [1h]
                """).compile();
        Diagnostic d = single(result, Code.SQL_INVALID);
        assertEquals(7, d.pos().line());
        assertTrue(d.hint().orElseThrow().contains("CAST"), d.hint().orElseThrow());
    }

    @Test
    void comparingANumberWithAStringIsRejected() {
        for (String filter : new String[] {"qty > 'x'", "status = 1"}) {
            CompileResult result = project().view("v.yaml", "user_stats", "filter: \"" + filter + "\"\n",
                    "  - name: n\n    agg: count\n    windows: [1h]\n").compile();
            assertTrue(result.hasErrors(), "`" + filter + "` compares a number with a string");
        }
    }

    @Test
    void explicitCastIsAccepted() {
        CompileResult result = project().view("v.yaml", "user_stats", "", """
                  - name: s
                    expr: CAST(amount AS DOUBLE) + 1.5
                    agg: sum
                    windows: [1h]
                """).compile();
        FeatureView view = modelOf(result).view("user_stats").orElseThrow();
        assertEquals(new Column("s_1h", "DOUBLE", true), typeOf(view, "s_1h"));
    }

    @Test
    void everyProblemOfTheProjectIsReportedInOneRun() {
        CompileResult result = project()
                .view("features/a.yaml", "a_stats", "", "  - name: x\n    expr: nope_a\n    agg: sum\n    windows: [1h]\n")
                .view("features/b.yaml", "b_stats", "", "  - name: y\n    expr: status\n    agg: avg\n    windows: [1h]\n")
                .compile();
        List<String> found = result.diagnostics().stream().map(d -> at(d) + " " + d.code().id()).toList();
        assertEquals(List.of("a.yaml:7:11 FSC3002", "b.yaml:7:11 FSC3004"), found);
        assertTrue(result.model().isEmpty());
    }

    @Test
    void resolutionErrorsInSeveralFilesAreAllReported() {
        CompileResult result = project()
                .file("features/a.yaml", "kind: feature_view\nname: a\nentity: usr\nsource: orders\nfeatures:\n  - name: n\n    agg: count\n")
                .file("features/b.yaml", "kind: feature_view\nname: b\nentity: user\nsource: ordrs\nfeatures:\n  - name: n\n    agg: count\n")
                .compile();
        List<String> found = result.diagnostics().stream().map(d -> at(d) + " " + d.code().id()).toList();
        assertEquals(List.of("a.yaml:3:9 FSC2003", "b.yaml:4:9 FSC2002"), found);
    }

    @Test
    void malformedSourceIsNotReportedAgainAsUnknown() {
        CompileResult result = TestProject.empty(dir).file("entities.yaml", TestProject.USER)
                .file("sources/orders.yaml", TestProject.ORDERS.replace("event_time: ts", "event_tme: ts"))
                .view("v.yaml", "user_stats", "", "  - name: n\n    agg: count\n    windows: [1h]\n")
                .compile();
        Diagnostic d = single(result, Code.UNKNOWN_FIELD);
        assertEquals("orders.yaml:5:1", at(d));
        assertEquals(Optional.of("did you mean `event_time`?"), d.hint());
        assertTrue(result.diagnostics().stream().noneMatch(x -> x.code() == Code.UNKNOWN_SOURCE));
    }

    @Test
    void malformedViewIsNotReportedAgainAsUnknownByADataset() {
        CompileResult result = project()
                .view("v.yaml", "user_stats", "bogus: 1\n", "  - name: n\n    agg: count\n    windows: [1h]\n")
                .file("d.yaml", """
                        kind: dataset
                        name: training
                        spine:
                          source: orders
                          timestamp: ts
                          keys: { user: user_id }
                        features:
                          - user_stats.*
                        """)
                .compile();
        single(result, Code.UNKNOWN_FIELD);
        assertTrue(result.diagnostics().stream().noneMatch(x -> x.code() == Code.UNKNOWN_VIEW));
    }

    @Test
    void unknownViewInADatasetIsReportedWithASuggestion() {
        CompileResult result = project()
                .view("v.yaml", "user_stats", "", "  - name: n\n    agg: count\n    windows: [1h]\n")
                .file("d.yaml", """
                        kind: dataset
                        name: training
                        spine:
                          source: orders
                          timestamp: ts
                          keys: { user: user_id }
                        features:
                          - user_stat.*
                        """)
                .compile();
        Diagnostic d = single(result, Code.UNKNOWN_VIEW);
        assertEquals("d.yaml:8:5", at(d));
        assertEquals(Optional.of("did you mean `user_stats`?"), d.hint());
    }

    @Test
    void strayNonYamlFilesAreIgnored() {
        CompileResult result = project().view("v.yaml", "user_stats", "", "  - name: n\n    agg: count\n    windows: [1h]\n")
                .file("notes.txt", "kind: [ this is not: valid yaml\n")
                .file("README.md", "# docs\n")
                .compile();
        assertEquals(List.of(), result.diagnostics());
        assertTrue(result.model().isPresent());
    }

    @Test
    void strayYamlFilesAreRead() {
        CompileResult result = project().file("notes.yaml", "just some notes\n").compile();
        Diagnostic d = single(result, Code.WRONG_SHAPE);
        assertEquals("notes.yaml:1:1", at(d));
    }

    @Test
    void ymlFilesAreReadToo() {
        CompileResult result = project().file("extra.yml", "name: x\n").compile();
        Diagnostic d = single(result, Code.MISSING_KIND);
        assertEquals("extra.yml", d.pos().file().getFileName().toString());
    }

    @Test
    void yamlSyntaxErrorStopsBeforeResolution() {
        CompileResult result = project().file("broken.yaml", "kind: feature_view\nname: \"x\n")
                .view("v.yaml", "v", "", "  - name: n\n    expr: nope\n    agg: sum\n    windows: [1h]\n")
                .compile();
        Diagnostic d = single(result, Code.YAML_SYNTAX);
        assertEquals("broken.yaml:2:7", at(d));
    }

    @Test
    void severalDocumentsInOneFileAreAllCompiled() {
        CompileResult result = TestProject.empty(dir).file("all.yaml", TestProject.ORDERS + "---\n" + TestProject.USER
                + "---\nkind: feature_view\nname: v\nentity: user\nsource: orders\nfeatures:\n  - name: n\n    agg: count\n    windows: [1h]\n")
                .compile();
        Model model = modelOf(result);
        assertEquals(3, result.specCount());
        assertTrue(model.view("v").isPresent());
        assertTrue(model.source("orders").isPresent());
    }

    @Test
    void projectWithoutFscYamlIsAnError() {
        TestProject.withBasics(dir);
        dir.resolve("fsc.yaml").toFile().delete();
        CompileResult result = new Compiler().compile(dir);
        assertTrue(result.hasErrors());
        assertEquals(Code.UNREADABLE_FILE, result.diagnostics().get(0).code());
    }

    @Test
    void ttlShorterThanAWindowIsOnlyAWarning() {
        CompileResult result = project().view("v.yaml", "user_stats", "ttl: 1d\n", "  - name: n\n    agg: count\n    windows: [7d]\n")
                .compile();
        assertEquals(1, result.diagnostics().size());
        Diagnostic d = result.diagnostics().get(0);
        assertFalse(d.isError());
        assertEquals(Code.TTL_SHORTER_THAN_WINDOW, d.code());
        assertTrue(result.model().isPresent(), "warnings do not stop the model");
    }

    @Test
    void ttlTooLongToRepresentIsReportedNotDropped() {
        CompileResult result = project().view("v.yaml", "user_stats", "ttl: 1000000000d\n",
                "  - name: n\n    agg: count\n    windows: [1h]\n").compile();
        assertTrue(result.diagnostics().stream().anyMatch(d -> d.code() == Code.INVALID_DURATION), () -> result.diagnostics().toString());
    }

    @Test
    void infinityInANumberFieldGetsAMessageThatSaysWhatIsWrong() {
        CompileResult result = TestProject.empty(dir).file("q.yaml", """
                kind: source
                name: q
                type: batch
                batch: { path: x }
                columns: { a: BIGINT }
                quality:
                  - range: { column: a, min: .inf }
                """).compile();
        Diagnostic d = single(result, Code.WRONG_SHAPE);
        assertFalse(d.message().endsWith("must be a number, not a number"), d.message());
    }

    // --- several expressions of one view (validated together) ---

    @Test
    void everyBrokenExprOfOneViewIsReportedAtItsOwnLine() {
        CompileResult result = project().view("v.yaml", "user_stats", "filter: qty + 'x' > 0\n", """
                  - name: a
                    expr: amout
                    agg: sum
                    windows: [1h]
                  - name: ok
                    expr: qty
                    agg: sum
                    windows: [1h]
                  - name: b
                    expr: stauts
                    agg: max
                    windows: [1h]
                """).compile();
        List<String> found = result.diagnostics().stream().map(d -> at(d) + " " + d.code().id()).toList();
        assertEquals(List.of("v.yaml:5:9 FSC3003", "v.yaml:8:11 FSC3002", "v.yaml:16:11 FSC3002"), found);
        assertEquals(Optional.of("did you mean `status`?"), result.diagnostics().get(2).hint());
    }

    @Test
    void errorInAMultiLineExprAfterAnotherMultiLineExprPointsAtItsLine() {
        CompileResult result = project().view("v.yaml", "user_stats", "", """
                  - name: a
                    expr: |
                      CASE WHEN qty > 0
                           THEN 1 ELSE 0 END
                    agg: sum
                    windows: [1h]
                  - name: b
                    expr: |
                      CASE WHEN status = 'x'
                           THEN amout END
                    agg: max
                    windows: [1h]
                """).compile();
        Diagnostic d = single(result, Code.SQL_UNKNOWN_COLUMN);
        assertEquals("v.yaml:15:17", at(d));
    }

    @Test
    void notBooleanFilterIsReportedNextToValidExprs() {
        CompileResult result = project().view("v.yaml", "user_stats", "filter: status\n", """
                  - name: s
                    expr: amount
                    agg: sum
                    windows: [1h]
                """).compile();
        Diagnostic d = single(result, Code.NOT_BOOLEAN);
        assertEquals("v.yaml:5:9", at(d));
    }

    @Test
    void aggregateInOneExprIsReportedWhileTheOtherExprsStayValid() {
        CompileResult result = project().view("v.yaml", "user_stats", "", """
                  - name: a
                    expr: qty
                    agg: sum
                    windows: [1h]
                  - name: b
                    expr: MAX(amount)
                    agg: max
                    windows: [1h]
                """).compile();
        Diagnostic d = single(result, Code.AGGREGATE_IN_EXPR);
        assertEquals("v.yaml:11:11", at(d));
    }

    @Test
    void exprWithATopLevelCommaIsASyntaxError() {
        CompileResult result = project().view("v.yaml", "user_stats", "", """
                  - name: a
                    expr: qty, status
                    agg: sum
                    windows: [1h]
                  - name: b
                    expr: amount
                    agg: max
                    windows: [1h]
                """).compile();
        Diagnostic d = single(result, Code.SQL_SYNTAX);
        assertEquals(7, d.pos().line());
    }

    @Test
    void exprWithAnAliasIsASyntaxError() {
        CompileResult result = project().view("v.yaml", "user_stats", "", """
                  - name: a
                    expr: amount AS x
                    agg: sum
                    windows: [1h]
                """).compile();
        single(result, Code.SQL_SYNTAX);
    }

    @Test
    void exprCannotReadAnotherSourceThroughAComment() {
        CompileResult result = project().view("v.yaml", "user_stats", "", """
                  - name: c
                    expr: country FROM users --
                    agg: last
                """).compile();
        assertTrue(result.hasErrors(), "`country` is not a column of orders");
    }

    @Test
    void twoFeaturesWithTheSameNameAreEachTypedFromTheirOwnExpr() {
        CompileResult result = project().view("v.yaml", "user_stats", "", """
                  - name: x
                    expr: qty
                    agg: sum
                    windows: [1h]
                  - name: x
                    expr: amount
                    agg: sum
                    windows: [7d]
                """).compile();
        if (!result.hasErrors()) { // rejecting the repeated name would be fine too
            FeatureView view = result.model().orElseThrow().view("user_stats").orElseThrow();
            assertEquals("BIGINT", typeOf(view, "x_1h").sqlType());
            assertEquals("DECIMAL(38, 2)", typeOf(view, "x_7d").sqlType());
        }
    }

    // --- parallel loading ---

    @Test
    void manyFilesGiveTheSameDiagnosticsInFileOrderEveryTime() {
        TestProject project = project();
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String name = String.format("v%02d", i);
            project.view("features/" + name + ".yaml", name, "", "  - name: x\n    expr: nope" + i + "\n    agg: sum\n    windows: [1h]\n");
            project.file("features/" + name + "_bad.yaml", "kind: feature_view\nname: " + name + "_bad\nentity: user\nsource: orders\n"
                    + "features:\n  - name: n\n    agg: count\n    windows: [1h]\noops: 1\n");
            expected.add(name + "_bad.yaml:9:1 FSC1007");
        }
        for (int run = 0; run < 3; run++) {
            CompileResult result = new Compiler().compile(dir);
            assertEquals(expected, result.diagnostics().stream().map(d -> at(d) + " " + d.code().id()).toList());
        }
        for (int i = 0; i < 40; i++) { // with the malformed files gone, the 40 SQL errors of phase 4 appear
            dir.resolve(String.format("features/v%02d_bad.yaml", i)).toFile().delete();
        }
        List<String> sqlErrors = new Compiler().compile(dir).diagnostics().stream().map(d -> at(d) + " " + d.code().id()).toList();
        assertEquals(40, sqlErrors.size());
        assertEquals("v00.yaml:7:11 FSC3002", sqlErrors.get(0));
        assertEquals("v39.yaml:7:11 FSC3002", sqlErrors.get(39));
    }
}
