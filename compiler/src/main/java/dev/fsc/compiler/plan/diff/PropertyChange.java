package dev.fsc.compiler.plan.diff;

import java.util.Optional;

/** One changed entry of a node's definition or metadata; absent on one side when added or removed. */
public record PropertyChange(String key, Optional<String> before, Optional<String> after) {
}
