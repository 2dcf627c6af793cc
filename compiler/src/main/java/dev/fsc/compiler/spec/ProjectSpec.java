package dev.fsc.compiler.spec;

import dev.fsc.compiler.source.SourcePos;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code fsc.yaml}: the project's name and its environments. */
public record ProjectSpec(Path root, SourcePos pos, Located<String> project, List<EnvironmentSpec> environments) {
    public ProjectSpec {
        environments = List.copyOf(environments);
    }

    public Optional<EnvironmentSpec> environment(String name) {
        return environments.stream().filter(e -> e.name().value().equals(name)).findFirst();
    }

    /**
     * One environment: local file bindings for sources, service settings by section (kafka, flink, ...), and the
     * databases its Kafka Connect captures changes from ({@code connect: {databases}}).
     */
    public record EnvironmentSpec(Located<String> name, List<Input> inputs, Map<String, Map<String, String>> services,
            List<Database> databases) {
        public EnvironmentSpec {
            inputs = List.copyOf(inputs);
            services = Map.copyOf(services);
            databases = List.copyOf(databases);
        }

        /** Whether the source reads a local file here (so nothing captures or streams it from a server). */
        public boolean boundToFile(String source) {
            return inputs.stream().anyMatch(i -> i.source().value().equals(source));
        }

        public Optional<Database> database(String name) {
            return databases.stream().filter(d -> d.name().value().equals(name)).findFirst();
        }
    }

    /**
     * A PostgreSQL database a cdc source's {@code database} names, as the Debezium connector reaches it.
     *
     * @param password a Kafka Connect config provider reference (e.g. {@code ${file:/secrets/db.properties:password}}),
     *     resolved by the Connect workers, so no password is ever in a generated file
     */
    public record Database(Located<String> name, String hostname, int port, String dbname, String user, String password) {
        /** PostgreSQL's port, when fsc.yaml names none. */
        public static final int DEFAULT_PORT = 5432;
    }

    /** A source bound to a local file or folder. */
    public record Input(Located<String> source, Located<String> path) {
    }
}
