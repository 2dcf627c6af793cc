package dev.fsc.compiler.resolve;

import dev.fsc.compiler.diag.Code;
import dev.fsc.compiler.diag.Diagnostic;
import dev.fsc.compiler.diag.DidYouMean;
import dev.fsc.compiler.spec.DatasetSpec;
import dev.fsc.compiler.spec.EntitySpec;
import dev.fsc.compiler.spec.FeatureViewSpec;
import dev.fsc.compiler.spec.LoadedProject;
import dev.fsc.compiler.spec.Located;
import dev.fsc.compiler.spec.SourceSpec;
import dev.fsc.compiler.spec.Spec;
import dev.fsc.compiler.spec.SpecKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The names a project defines, by kind, and the diagnostics of resolving references against them.
 * An unknown name that belongs to a malformed spec is not reported again.
 */
final class Scope {
    private final LoadedProject project;
    private final Map<SpecKind, Map<String, Spec>> byKind = new LinkedHashMap<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    Scope(LoadedProject project) {
        this.project = project;
        for (SpecKind kind : SpecKind.values()) {
            byKind.put(kind, new LinkedHashMap<>());
        }
        for (Spec spec : project.specs()) {
            Spec first = byKind.get(spec.kind()).putIfAbsent(spec.name().value(), spec);
            if (first != null) {
                report(Diagnostic.error(Code.DUPLICATE_NAME, spec.name().pos(),
                                spec.kind().yamlName() + " `" + spec.name().value() + "` is defined twice")
                        .withHint("first defined at " + first.name().pos().file().getFileName() + ":"
                                + first.name().pos().line() + "; rename one of them"));
            }
        }
    }

    LoadedProject project() {
        return project;
    }

    void report(Diagnostic diagnostic) {
        diagnostics.add(diagnostic);
    }

    List<Diagnostic> diagnostics() {
        return List.copyOf(diagnostics);
    }

    Collection<SourceSpec> sources() {
        return values(SpecKind.SOURCE, SourceSpec.class);
    }

    Collection<FeatureViewSpec> views() {
        return values(SpecKind.FEATURE_VIEW, FeatureViewSpec.class);
    }

    Collection<DatasetSpec> datasets() {
        return values(SpecKind.DATASET, DatasetSpec.class);
    }

    Optional<SourceSpec> source(Located<String> ref) {
        return resolve(SpecKind.SOURCE, ref, Code.UNKNOWN_SOURCE, SourceSpec.class);
    }

    Optional<EntitySpec> entity(Located<String> ref) {
        return resolve(SpecKind.ENTITY, ref, Code.UNKNOWN_ENTITY, EntitySpec.class);
    }

    Optional<FeatureViewSpec> view(Located<String> ref) {
        return resolve(SpecKind.FEATURE_VIEW, ref, Code.UNKNOWN_VIEW, FeatureViewSpec.class);
    }

    /** Looks a column up in a source, reporting it with a suggestion when it does not exist. */
    Optional<SourceSpec.ColumnSpec> column(SourceSpec source, Located<String> ref, String role) {
        Optional<SourceSpec.ColumnSpec> column = source.column(ref.value());
        if (column.isEmpty()) {
            List<String> names = source.columns().stream().map(c -> c.name().value()).toList();
            report(Diagnostic.error(Code.UNKNOWN_COLUMN, ref.pos(),
                            role + " `" + ref.value() + "` is not a column of source `" + source.name().value() + "`")
                    .withHint(DidYouMean.hint(ref.value(), names).orElse("columns are: " + String.join(", ", names))));
        }
        return column;
    }

    private <T extends Spec> Optional<T> resolve(SpecKind kind, Located<String> ref, Code code, Class<T> type) {
        Spec spec = byKind.get(kind).get(ref.value());
        if (spec != null) {
            return Optional.of(type.cast(spec));
        }
        if (!project.wasMalformed(kind, ref.value())) {
            List<String> known = List.copyOf(byKind.get(kind).keySet());
            report(Diagnostic.error(code, ref.pos(), "unknown " + kind.yamlName().replace('_', ' ') + " `" + ref.value() + "`")
                    .withHint(DidYouMean.hint(ref.value(), known).orElse(known.isEmpty()
                            ? "this project defines no " + kind.yamlName() + " yet"
                            : "known: " + String.join(", ", known))));
        }
        return Optional.empty();
    }

    private <T extends Spec> Collection<T> values(SpecKind kind, Class<T> type) {
        return byKind.get(kind).values().stream().map(type::cast).toList();
    }
}
