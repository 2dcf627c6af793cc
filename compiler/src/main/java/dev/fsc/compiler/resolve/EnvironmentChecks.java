package dev.fsc.compiler.resolve;

import dev.fsc.compiler.spec.ProjectSpec;

/** Checks fsc.yaml's references: every local input binds a source that exists. */
final class EnvironmentChecks {
    private final Scope scope;

    EnvironmentChecks(Scope scope) {
        this.scope = scope;
    }

    void check() {
        for (ProjectSpec.EnvironmentSpec environment : scope.project().project().environments()) {
            for (ProjectSpec.Input input : environment.inputs()) {
                scope.source(input.source());
            }
        }
    }
}
