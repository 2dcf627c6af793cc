package dev.fsc.compiler.yaml;

import dev.fsc.compiler.source.SourcePos;

/** A YAML node that remembers where it came from: a mapping, a sequence or a scalar. */
public sealed interface YNode permits YMap, YSeq, YScalar {
    SourcePos pos();

    /** What a person would call this kind of node in a message: "a mapping", "a list", "a string". */
    String describe();
}
