package dev.fsc.compiler.yaml;

import dev.fsc.compiler.diag.Code;
import dev.fsc.compiler.diag.Diagnostic;
import dev.fsc.compiler.source.SourceFile;
import dev.fsc.compiler.source.SourcePos;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads every YAML document of a file into {@link YNode} trees that keep 1-based positions.
 * Syntax errors and duplicate keys become diagnostics; documents before a syntax error are kept.
 */
public final class YamlReader {
    /** One settings object for all files: building the YAML 1.2 core schema's resolvers is not free. */
    private static final LoadSettings SETTINGS = LoadSettings.builder()
            .setSchema(new CoreSchema())
            .setAllowRecursiveKeys(false)
            .setAllowNonScalarKeys(true) // so fsc reports `[a, b]: 1` at the key, with its own message
            .setMaxAliasesForCollections(50)
            .build();

    /** The documents of one file, and what went wrong reading it. */
    public record Result(List<YNode> documents, List<Diagnostic> diagnostics) {
        public Result {
            documents = List.copyOf(documents);
            diagnostics = List.copyOf(diagnostics);
        }
    }

    public Result read(SourceFile file) {
        List<YNode> documents = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        try {
            for (Node node : new Compose(SETTINGS).composeAllFromString(file.text())) {
                documents.add(convert(node, file, diagnostics));
            }
        } catch (MarkedYamlEngineException e) {
            // an unclosed quote or bracket is reported at the end of the file; where it opened is more useful
            boolean runaway = String.valueOf(e.getProblem()).contains("end of stream") && e.getContextMark().isPresent();
            Mark mark = (runaway ? e.getContextMark() : e.getProblemMark().or(e::getContextMark)).orElse(null);
            SourcePos pos = mark == null ? SourcePos.startOf(file.path()) : position(file, mark, 1);
            diagnostics.add(Diagnostic.error(Code.YAML_SYNTAX, pos, "invalid YAML: " + describe(e))
                    .withHint(hintFor(e, file, pos)));
        } catch (YamlEngineException e) {
            diagnostics.add(Diagnostic.error(Code.YAML_SYNTAX, SourcePos.startOf(file.path()), "invalid YAML: " + e.getMessage()));
        }
        return new Result(documents, diagnostics);
    }

    private static String describe(MarkedYamlEngineException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem().trim();
        String context = e.getContext() == null ? "" : e.getContext().trim();
        if (problem.isEmpty()) {
            return context;
        }
        return context.isEmpty() ? problem : problem + " (" + context + ")";
    }

    private static Optional<String> hintFor(MarkedYamlEngineException e, SourceFile file, SourcePos pos) {
        String problem = String.valueOf(e.getProblem());
        if (file.line(pos.line()).contains("\t") || problem.contains("\\t")) {
            return Optional.of("YAML indentation must use spaces, not tabs");
        }
        if (problem.contains("could not find expected ':'") || problem.contains("mapping values are not allowed")) {
            return Optional.of("check the indentation and that every key is followed by `: `");
        }
        if (problem.contains("found unexpected end of stream") || problem.contains("found unknown escape")) {
            return Optional.of("check that every quoted string is closed");
        }
        return Optional.of("check the indentation and quoting around this line");
    }

    private YNode convert(Node node, SourceFile file, List<Diagnostic> diagnostics) {
        if (node instanceof ScalarNode scalar) {
            return scalar(scalar, file);
        }
        if (node instanceof SequenceNode sequence) {
            List<YNode> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                items.add(convert(item, file, diagnostics));
            }
            return new YSeq(items, position(file, node.getStartMark().orElseThrow(), 1));
        }
        MappingNode mapping = (MappingNode) node;
        List<YMap.Entry> entries = new ArrayList<>();
        Map<String, YScalar> seen = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            YScalar key = tuple.getKeyNode() instanceof ScalarNode k
                    ? scalar(k, file)
                    : nonScalarKey(tuple.getKeyNode(), file, diagnostics);
            YScalar earlier = seen.putIfAbsent(key.value(), key);
            if (earlier != null) {
                diagnostics.add(Diagnostic.error(Code.DUPLICATE_YAML_KEY, key.pos(),
                                "key `" + key.value() + "` appears twice in this mapping")
                        .withHint("the first `" + key.value() + "` is on line " + earlier.pos().line() + "; keep one"));
                continue;
            }
            entries.add(new YMap.Entry(key, convert(tuple.getValueNode(), file, diagnostics)));
        }
        SourcePos pos = entries.isEmpty()
                ? position(file, node.getStartMark().orElseThrow(), 1)
                : entries.get(0).key().pos();
        return new YMap(entries, pos);
    }

    private YScalar nonScalarKey(Node key, SourceFile file, List<Diagnostic> diagnostics) {
        SourcePos pos = position(file, key.getStartMark().orElseThrow(), 1);
        diagnostics.add(Diagnostic.error(Code.YAML_SYNTAX, pos, "mapping keys must be plain names, not lists or mappings"));
        return new YScalar("?", YScalar.ScalarType.STRING, pos, new ScalarText(file, 0, 0, org.snakeyaml.engine.v2.common.ScalarStyle.PLAIN));
    }

    private static YScalar scalar(ScalarNode scalar, SourceFile file) {
        Mark start = scalar.getStartMark().orElseThrow();
        Mark end = scalar.getEndMark().orElse(start);
        int startOffset = file.offsetOf(start.getLine() + 1, start.getColumn() + 1);
        int endOffset = file.offsetOf(end.getLine() + 1, end.getColumn() + 1);
        int length = start.getLine() == end.getLine() ? Math.max(1, end.getColumn() - start.getColumn()) : 1;
        return new YScalar(scalar.getValue(), typeOf(scalar), position(file, start, length),
                new ScalarText(file, startOffset, endOffset, scalar.getScalarStyle()));
    }

    private static YScalar.ScalarType typeOf(ScalarNode scalar) {
        Tag tag = scalar.getTag();
        if (Tag.INT.equals(tag)) {
            return YScalar.ScalarType.INTEGER;
        }
        if (Tag.FLOAT.equals(tag)) {
            return YScalar.ScalarType.FLOAT;
        }
        if (Tag.BOOL.equals(tag)) {
            return YScalar.ScalarType.BOOLEAN;
        }
        if (Tag.NULL.equals(tag)) {
            return YScalar.ScalarType.NULL;
        }
        return YScalar.ScalarType.STRING;
    }

    private static SourcePos position(SourceFile file, Mark mark, int length) {
        return new SourcePos(file.path(), mark.getLine() + 1, mark.getColumn() + 1, length);
    }
}
