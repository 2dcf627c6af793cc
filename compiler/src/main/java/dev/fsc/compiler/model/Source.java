package dev.fsc.compiler.model;

import dev.fsc.compiler.spec.SourceSpec;
import java.util.List;

/** A source with its columns' parsed types. */
public record Source(SourceSpec spec, List<Column> columns) {
    public Source {
        columns = List.copyOf(columns);
    }

    public String name() {
        return spec.name().value();
    }
}
