package dev.fsc.compiler.yaml;

import dev.fsc.compiler.source.SourcePos;
import java.util.List;

/** A YAML sequence. */
public record YSeq(List<YNode> items, SourcePos pos) implements YNode {
    public YSeq {
        items = List.copyOf(items);
    }

    @Override
    public String describe() {
        return "a list";
    }
}
