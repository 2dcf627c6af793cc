package dev.fsc.compiler.spec;

/** {@code key: column}: binds a named key to a column of a source, query or spine. */
public record KeyMapping(Located<String> key, Located<String> column) {
}
