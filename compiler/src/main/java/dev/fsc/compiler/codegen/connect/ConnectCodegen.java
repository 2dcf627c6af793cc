package dev.fsc.compiler.codegen.connect;

import dev.fsc.compiler.model.Model;
import dev.fsc.compiler.model.Source;
import dev.fsc.compiler.spec.Located;
import dev.fsc.compiler.spec.ProjectSpec;
import dev.fsc.compiler.spec.SourceSpec;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code connect/<source>.json}: the Debezium connector of every cdc source an environment with {@code connect:}
 * captures (sources bound to a local input file read that file instead and need none).
 */
public final class ConnectCodegen {
    /** Folder of the connector configs among the generated files. */
    public static final String FOLDER = "connect/";

    /** The environment's connector configs by relative path; none when it has no Kafka Connect. */
    public Map<String, String> generate(Model model, String environment) {
        Map<String, String> files = new TreeMap<>();
        Optional<ProjectSpec.EnvironmentSpec> env = model.project().environment(environment);
        if (env.isEmpty() || !env.get().services().containsKey("connect")) {
            return files;
        }
        String project = model.project().project().value();
        for (Source source : model.sources()) {
            if (source.spec().type().value() != SourceSpec.SourceType.CDC || env.get().boundToFile(source.name())) {
                continue;
            }
            String database = source.spec().connection().flatMap(SourceSpec.Connection::database).map(Located::value).orElseThrow();
            ProjectSpec.Database settings = env.get().database(database).orElseThrow(() -> new IllegalStateException(
                    "environment " + environment + " declares no database " + database + " (the resolver reports that)"));
            files.put(FOLDER + source.name() + ".json", DebeziumPostgresConnector.of(project, source, settings).toJson());
        }
        return files;
    }
}
