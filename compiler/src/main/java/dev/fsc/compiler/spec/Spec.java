package dev.fsc.compiler.spec;

import dev.fsc.compiler.source.SourcePos;

/** One spec document: a source, entity, feature view or dataset. */
public sealed interface Spec permits SourceSpec, EntitySpec, FeatureViewSpec, DatasetSpec {
    Located<String> name();

    /** Where the document starts. */
    SourcePos pos();

    Meta meta();

    SpecKind kind();
}
