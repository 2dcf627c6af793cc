package dev.fsc.compiler.spec;

import dev.fsc.compiler.source.SourcePos;
import java.util.List;

/** {@code kind: entity}: what features describe (a user, an item, a user-item pair), by its key columns. */
public record EntitySpec(Located<String> name, SourcePos pos, Meta meta, List<Key> keys) implements Spec {
    public EntitySpec {
        keys = List.copyOf(keys);
    }

    @Override
    public SpecKind kind() {
        return SpecKind.ENTITY;
    }

    public record Key(Located<String> name, Located<String> type) {
    }

    public List<String> keyNames() {
        return keys.stream().map(k -> k.name().value()).toList();
    }
}
