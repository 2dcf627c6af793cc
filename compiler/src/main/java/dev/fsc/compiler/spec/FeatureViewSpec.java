package dev.fsc.compiler.spec;

import dev.fsc.compiler.source.SourcePos;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code kind: feature_view}: windowed aggregates of one source (or query) per entity. */
public record FeatureViewSpec(
        Located<String> name,
        SourcePos pos,
        Meta meta,
        Located<String> entity,
        Optional<Located<String>> source,
        Optional<SqlText> query,
        List<KeyMapping> keys,
        Optional<SqlText> filter,
        boolean online,
        Optional<Located<Duration>> freshness,
        Optional<Located<Duration>> ttl,
        Optional<Located<Duration>> granularity,
        List<FeatureSpec> features) implements Spec {

    public FeatureViewSpec {
        keys = List.copyOf(keys);
        features = List.copyOf(features);
    }

    @Override
    public SpecKind kind() {
        return SpecKind.FEATURE_VIEW;
    }

    /** The aggregations a feature may use. */
    public enum Agg {
        COUNT, SUM, AVG, MIN, MAX, LAST, COUNT_DISTINCT;

        public String yamlName() {
            return name().toLowerCase();
        }
    }

    public record FeatureSpec(Located<String> name, SourcePos pos, String description, Optional<SqlText> expr,
                              Located<Agg> agg, List<Window> windows) {
        public FeatureSpec {
            windows = List.copyOf(windows);
        }
    }

    /** A window as written ({@code 24h}): the spelling names the output column, the length defines it. */
    public record Window(String text, Duration length, SourcePos pos) {
    }
}
