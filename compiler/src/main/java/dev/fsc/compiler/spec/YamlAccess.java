package dev.fsc.compiler.spec;

import dev.fsc.compiler.yaml.YMap;
import dev.fsc.compiler.yaml.YNode;
import dev.fsc.compiler.yaml.YScalar;
import dev.fsc.compiler.yaml.YSeq;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Typed reads from a YAML mapping that already passed its schema check, so shapes are known. */
final class YamlAccess {
    private final YMap map;

    YamlAccess(YMap map) {
        this.map = map;
    }

    static YamlAccess of(YNode node) {
        return new YamlAccess((YMap) node);
    }

    YMap map() {
        return map;
    }

    Optional<YamlAccess> section(String key) {
        return map.get(key).filter(YMap.class::isInstance).map(YamlAccess::of);
    }

    Optional<YScalar> scalar(String key) {
        return map.get(key).filter(YScalar.class::isInstance).map(YScalar.class::cast)
                .filter(s -> s.type() != YScalar.ScalarType.NULL);
    }

    Optional<Located<String>> located(String key) {
        return scalar(key).map(s -> new Located<>(s.value(), s.pos()));
    }

    Located<String> required(String key) {
        return located(key).orElseThrow(() -> new IllegalStateException("schema let a document without `" + key + "` through"));
    }

    String text(String key) {
        return scalar(key).map(YScalar::value).orElse("");
    }

    Optional<SqlText> sql(String key) {
        return scalar(key).map(SqlText::new);
    }

    boolean flag(String key) {
        return scalar(key).map(s -> Boolean.parseBoolean(s.value().toLowerCase())).orElse(false);
    }

    Optional<Located<Duration>> duration(String key) {
        return scalar(key).flatMap(s -> Durations.parse(s.value()).map(d -> new Located<>(d, s.pos())));
    }

    List<Located<String>> names(String key) {
        return map.get(key).filter(YSeq.class::isInstance).map(n -> ((YSeq) n).items().stream()
                .filter(YScalar.class::isInstance).map(YScalar.class::cast)
                .map(s -> new Located<>(s.value(), s.pos())).toList()).orElse(List.of());
    }

    List<YNode> list(String key) {
        return map.get(key).filter(YSeq.class::isInstance).map(n -> ((YSeq) n).items()).orElse(List.of());
    }

    List<KeyMapping> keyMappings(String key) {
        return section(key).map(s -> s.map().entries().stream()
                .filter(e -> e.value() instanceof YScalar)
                .map(e -> new KeyMapping(new Located<>(e.key().value(), e.key().pos()),
                        new Located<>(((YScalar) e.value()).value(), e.value().pos())))
                .toList()).orElse(List.of());
    }

    Meta meta() {
        return new Meta(text("description"), text("owner"),
                names("tags").stream().map(Located::value).toList());
    }

    <E extends Enum<E>> Optional<Located<E>> choice(String key, Class<E> type) {
        return scalar(key).map(s -> new Located<>(Enum.valueOf(type, s.value().toUpperCase()), s.pos()));
    }
}
