package dev.fsc.compiler.model;

import dev.fsc.compiler.spec.FeatureViewSpec;
import java.time.Duration;
import java.util.Optional;

/**
 * One output column of a feature view: a feature spec at one window (or none, for "latest value"),
 * with the tile size it is computed on and its inferred type.
 */
public record Feature(String outputName, FeatureViewSpec.FeatureSpec spec, Optional<Duration> window,
                      Duration tileSize, Column type) {
    public FeatureViewSpec.Agg agg() {
        return spec.agg().value();
    }
}
