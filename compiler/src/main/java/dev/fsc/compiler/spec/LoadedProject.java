package dev.fsc.compiler.spec;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A project as read from disk: fsc.yaml, every well-formed spec, and the names of specs that were
 * present but malformed (so later phases don't report them again as "unknown").
 */
public record LoadedProject(ProjectSpec project, List<Spec> specs, Set<String> malformedNames, int fileCount) {
    public LoadedProject {
        specs = List.copyOf(specs);
        malformedNames = Set.copyOf(malformedNames);
    }

    public static String qualifiedName(SpecKind kind, String name) {
        return kind.yamlName() + ":" + name;
    }

    public boolean wasMalformed(SpecKind kind, String name) {
        return malformedNames.contains(qualifiedName(kind, name));
    }

    public <T extends Spec> List<T> specsOf(Class<T> type) {
        return specs.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public <T extends Spec> Optional<T> find(Class<T> type, String name) {
        return specsOf(type).stream().filter(s -> s.name().value().equals(name)).findFirst();
    }
}
