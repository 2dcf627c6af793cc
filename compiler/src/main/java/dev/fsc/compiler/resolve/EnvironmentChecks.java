package dev.fsc.compiler.resolve;

import dev.fsc.compiler.diag.Code;
import dev.fsc.compiler.diag.Diagnostic;
import dev.fsc.compiler.diag.DidYouMean;
import dev.fsc.compiler.spec.Located;
import dev.fsc.compiler.spec.ProjectSpec;
import dev.fsc.compiler.spec.SourceSpec;
import dev.fsc.compiler.spec.SpecKind;
import java.util.List;
import java.util.Optional;

/**
 * Checks fsc.yaml's references: every local input binds a source that exists, and in an environment with Kafka
 * Connect every cdc source it captures (one not bound to a local input) names one of its {@code connect.databases}.
 */
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
            if (environment.services().containsKey("connect")) {
                checkDatabases(environment);
            }
        }
    }

    private void checkDatabases(ProjectSpec.EnvironmentSpec environment) {
        List<String> declared = environment.databases().stream().map(d -> d.name().value()).toList();
        for (SourceSpec source : scope.sources()) {
            Optional<Located<String>> database = source.connection().flatMap(SourceSpec.Connection::database);
            if (source.type().value() != SourceSpec.SourceType.CDC || environment.boundToFile(source.name().value()) || database.isEmpty()
                    || environment.database(database.get().value()).isPresent()) {
                continue;
            }
            String name = database.get().value();
            scope.report(Diagnostic.error(Code.UNKNOWN_DATABASE, database.get().pos(), "cdc source `" + source.name().value()
                            + "` reads database `" + name + "`, which environment `" + environment.name().value()
                            + "` does not declare under `connect.databases`")
                    .withHint(DidYouMean.hint(name, declared).orElse(declared.isEmpty()
                            ? "add `databases: { " + name + ": { hostname, dbname, user, password } }` to its `connect:` in "
                                    + "fsc.yaml: where the source's Debezium connector reaches the database"
                            : "databases of `" + environment.name().value() + "`: " + String.join(", ", declared))));
        }
    }
}
