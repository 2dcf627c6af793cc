package dev.fsc.compiler.spec;

import dev.fsc.compiler.source.SourcePos;

/** A spec value with the position it was written at, so later phases can point at it. */
public record Located<T>(T value, SourcePos pos) {
}
