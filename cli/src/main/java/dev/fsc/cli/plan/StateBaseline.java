package dev.fsc.cli.plan;

import dev.fsc.compiler.plan.PlanJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The plan deployed to an environment, from its state document. For {@code local} that is
 * {@code .fsc/state/local/plan.json} in the project; {@code fsc deploy} writes it.
 */
public final class StateBaseline {
    private final Path projectRoot;

    public StateBaseline(Path projectRoot) {
        this.projectRoot = projectRoot.toAbsolutePath().normalize();
    }

    public static Path planFile(Path projectRoot, String environment) {
        return projectRoot.resolve(".fsc").resolve("state").resolve(environment).resolve("plan.json");
    }

    public Baseline of(String environment) throws IOException {
        Path file = planFile(projectRoot, environment);
        String label = "environment " + environment;
        if (!Files.exists(file)) {
            return new Baseline(label, Baseline.empty(projectRoot), List.of("nothing is deployed to `" + environment + "` yet"));
        }
        try {
            return new Baseline(label, PlanJson.read(Files.readString(file, StandardCharsets.UTF_8)), List.of());
        } catch (RuntimeException e) {
            throw new BaselineException("cannot read the state of `" + environment + "` (" + file + "): " + e.getMessage());
        }
    }
}
