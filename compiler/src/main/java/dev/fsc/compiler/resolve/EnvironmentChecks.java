package dev.fsc.compiler.resolve;

import dev.fsc.compiler.diag.Code;
import dev.fsc.compiler.diag.Diagnostic;
import dev.fsc.compiler.diag.DidYouMean;
import dev.fsc.compiler.spec.ProjectSpec;
import dev.fsc.compiler.spec.SpecKind;
import java.util.List;

/** Checks fsc.yaml's references: every local input binds a source that exists. */
final class EnvironmentChecks {
    private final Scope scope;

    EnvironmentChecks(Scope scope) {
        this.scope = scope;
    }

    void check() {
        for (ProjectSpec.EnvironmentSpec environment : scope.project().project().environments()) {
            for (ProjectSpec.Input input : environment.inputs()) {
                String name = input.source().value();
                boolean known = scope.sources().stream().anyMatch(s -> s.name().value().equals(name))
                        || scope.project().wasMalformed(SpecKind.SOURCE, name);
                if (!known) {
                    List<String> sources = scope.sources().stream().map(s -> s.name().value()).toList();
                    scope.report(Diagnostic.error(Code.UNKNOWN_ENV_INPUT, input.source().pos(),
                                    "environment `" + environment.name().value() + "` binds a file to `" + name
                                            + "`, which is not a source")
                            .withHint(DidYouMean.hint(name, sources).orElse("sources: " + String.join(", ", sources))));
                }
            }
        }
    }
}
