package dev.fsc.compiler.yaml;

import dev.fsc.compiler.source.SourcePos;
import java.util.List;
import java.util.Optional;

/** A YAML mapping with string keys, in file order (duplicate keys are rejected by the reader). */
public record YMap(List<Entry> entries, SourcePos pos) implements YNode {
    public YMap {
        entries = List.copyOf(entries);
    }

    /** One key with its value; the key keeps its own position for "unknown field" diagnostics. */
    public record Entry(YScalar key, YNode value) {
    }

    public Optional<Entry> entry(String key) {
        return entries.stream().filter(e -> e.key().value().equals(key)).findFirst();
    }

    public Optional<YNode> get(String key) {
        return entry(key).map(Entry::value);
    }

    public List<String> keys() {
        return entries.stream().map(e -> e.key().value()).toList();
    }

    @Override
    public String describe() {
        return "a mapping";
    }
}
