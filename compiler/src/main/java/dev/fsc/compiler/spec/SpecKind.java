package dev.fsc.compiler.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The kinds of spec document, by their {@code kind:} value. */
public enum SpecKind {
    SOURCE("source"), ENTITY("entity"), FEATURE_VIEW("feature_view"), DATASET("dataset");

    private final String yamlName;

    SpecKind(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public static Optional<SpecKind> fromYaml(String name) {
        return Arrays.stream(values()).filter(k -> k.yamlName.equals(name)).findFirst();
    }

    public static List<String> yamlNames() {
        return Arrays.stream(values()).map(SpecKind::yamlName).toList();
    }
}
