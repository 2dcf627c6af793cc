package dev.fsc.compiler.resolve;

import dev.fsc.compiler.spec.FeatureViewSpec;
import java.time.Duration;
import java.util.Optional;

/** One output column a feature spec produces: {@code <name>_<window>}, or {@code <name>} without windows. */
public record FeatureOutput(String outputName, FeatureViewSpec.FeatureSpec spec, Optional<Duration> window,
                           Duration tileSize) {
}
