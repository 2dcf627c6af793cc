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

    /** One environment: local file bindings for sources, and service settings by section (kafka, flink, ...). */
    public record EnvironmentSpec(Located<String> name, List<Input> inputs, Map<String, Map<String, String>> services) {
        public EnvironmentSpec {
            inputs = List.copyOf(inputs);
            services = Map.copyOf(services);
        }
    }

    /** A source bound to a local file or folder. */
    public record Input(Located<String> source, Located<String> path) {
    }
}
