package dev.fsc.compiler.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.compiler.diag.Code;
import dev.fsc.compiler.diag.Diagnostic;
import dev.fsc.compiler.source.SourceFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlReaderTest {
    private static final Path FILE = Path.of("specs.yaml");

    private static YamlReader.Result read(String yaml) {
        return new YamlReader().read(new SourceFile(FILE, yaml));
    }

    private static Diagnostic only(YamlReader.Result result) {
        assertEquals(1, result.diagnostics().size(), () -> "diagnostics: " + result.diagnostics());
        return result.diagnostics().get(0);
    }

    private static String at(Diagnostic d) {
        return d.pos().line() + ":" + d.pos().column();
    }

    @Test
    void duplicateKeyIsReportedAtTheSecondKey() {
        YamlReader.Result result = read("kind: source\nname: a\ntype: stream\nname: b\n");
        Diagnostic d = only(result);
        assertEquals(Code.DUPLICATE_YAML_KEY, d.code());
        assertEquals("FSC1004", d.code().id());
        assertEquals("4:1", at(d));
        assertTrue(d.hint().orElseThrow().contains("line 2"), d.hint().orElseThrow());
    }

    @Test
    void duplicateKeyKeepsTheFirstValue() {
        YMap map = (YMap) read("name: a\nname: b\n").documents().get(0);
        assertEquals(List.of("name"), map.keys());
        assertEquals("a", ((YScalar) map.get("name").orElseThrow()).value());
    }

    @Test
    void duplicateKeyInANestedMappingPointsAtTheNestedKey() {
        Diagnostic d = only(read("columns:\n  id: BIGINT\n  ts: TIMESTAMP\n  id: VARCHAR\n"));
        assertEquals(Code.DUPLICATE_YAML_KEY, d.code());
        assertEquals("4:3", at(d));
    }

    @Test
    void tabIndentationIsASyntaxErrorAtTheTab() {
        YamlReader.Result result = read("kind: source\ncolumns:\n\tid: BIGINT\n");
        Diagnostic d = only(result);
        assertEquals(Code.YAML_SYNTAX, d.code());
        assertEquals("FSC1001", d.code().id());
        assertEquals("3:1", at(d));
        assertEquals("YAML indentation must use spaces, not tabs", d.hint().orElseThrow());
    }

    @Test
    void unclosedDoubleQuoteIsReportedWhereTheQuoteOpens() {
        Diagnostic d = only(read("kind: feature_view\nfilter: \"status = 'x'\nagg: sum\n"));
        assertEquals(Code.YAML_SYNTAX, d.code());
        assertEquals("2:9", at(d));
    }

    @Test
    void unclosedSingleQuoteIsReportedWhereTheQuoteOpens() {
        Diagnostic d = only(read("a: 1\nb: 'oops\nc: 2\n"));
        assertEquals(Code.YAML_SYNTAX, d.code());
        assertEquals("2:4", at(d));
    }

    @Test
    void syntaxErrorMessageSaysInvalidYaml() {
        Diagnostic d = only(read("a: [1, 2\n"));
        assertEquals(Code.YAML_SYNTAX, d.code());
        assertTrue(d.message().startsWith("invalid YAML: "), d.message());
        assertTrue(d.isError());
    }

    @Test
    void everyDocumentOfAFileIsRead() {
        YamlReader.Result result = read("kind: source\nname: a\n---\nkind: entity\nname: b\n---\nkind: dataset\nname: c\n");
        assertTrue(result.diagnostics().isEmpty());
        assertEquals(3, result.documents().size());
        List<String> names = result.documents().stream()
                .map(doc -> ((YScalar) ((YMap) doc).get("name").orElseThrow()).value()).toList();
        assertEquals(List.of("a", "b", "c"), names);
        assertEquals(8, ((YMap) result.documents().get(2)).get("name").orElseThrow().pos().line());
    }

    @Test
    void documentsBeforeASyntaxErrorAreKept() {
        YamlReader.Result result = read("name: a\n---\nname: b\n---\nname: [\n");
        assertEquals(2, result.documents().size());
        assertEquals(Code.YAML_SYNTAX, only(result).code());
    }

    @Test
    void duplicateKeysInTwoDocumentsAreBothReported() {
        YamlReader.Result result = read("a: 1\na: 2\n---\nb: 1\nb: 2\n");
        assertEquals(2, result.documents().size());
        assertEquals(List.of("2:1", "5:1"), result.diagnostics().stream().map(YamlReaderTest::at).toList());
    }

    @Test
    void positionsAreOneBasedLineAndColumn() {
        YMap map = (YMap) read("spine:\n  source: orders\n").documents().get(0);
        YMap spine = (YMap) map.get("spine").orElseThrow();
        YMap.Entry source = spine.entry("source").orElseThrow();
        assertEquals("2:3", source.key().pos().line() + ":" + source.key().pos().column());
        assertEquals("2:11", source.value().pos().line() + ":" + source.value().pos().column());
        assertEquals(6, source.value().pos().length());
    }

    @Test
    void plainScalarsResolveToCoreSchemaTypes() {
        YMap map = (YMap) read("i: 5\nf: 1.5\nb: true\nn: null\ns: hello\nq: \"5\"\nw: 7d\n").documents().get(0);
        assertEquals(YScalar.ScalarType.INTEGER, type(map, "i"));
        assertEquals(YScalar.ScalarType.FLOAT, type(map, "f"));
        assertEquals(YScalar.ScalarType.BOOLEAN, type(map, "b"));
        assertEquals(YScalar.ScalarType.NULL, type(map, "n"));
        assertEquals(YScalar.ScalarType.STRING, type(map, "s"));
        assertEquals(YScalar.ScalarType.STRING, type(map, "q"));
        assertEquals(YScalar.ScalarType.STRING, type(map, "w"));
    }

    @Test
    void sequencesKeepTheirItemsInOrder() {
        YMap map = (YMap) read("windows: [1h, 7d, 30d]\n").documents().get(0);
        YSeq windows = assertInstanceOf(YSeq.class, map.get("windows").orElseThrow());
        assertEquals(List.of("1h", "7d", "30d"), windows.items().stream().map(i -> ((YScalar) i).value()).toList());
        assertEquals(15, windows.items().get(1).pos().column());
    }

    @Test
    void nonScalarKeyIsAnError() {
        YamlReader.Result result = read("name: x\n[a, b]: 1\n");
        assertEquals(Code.YAML_SYNTAX, only(result).code());
    }

    @Test
    void nonScalarKeyIsReportedAtTheKey() {
        Diagnostic d = only(read("name: x\n[a, b]: 1\n"));
        assertEquals(Code.YAML_SYNTAX, d.code());
        assertEquals("2:1", at(d));
        assertTrue(d.message().contains("plain names"), d.message());
    }

    private static YScalar.ScalarType type(YMap map, String key) {
        return ((YScalar) map.get(key).orElseThrow()).type();
    }
}
