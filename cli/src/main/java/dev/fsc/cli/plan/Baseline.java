package dev.fsc.cli.plan;

import dev.fsc.compiler.model.Model;
import dev.fsc.compiler.plan.Plan;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a plan is compared with: a label for people, the plan, the typed model when the baseline was
 * compiled from specs (so its generated files can be compared too; absent for cached plans and deployed
 * state), and warnings (e.g. the base revision did not compile, so everything shows as new).
 */
public record Baseline(String label, Plan plan, Optional<Model> model, List<String> warnings) {
    public Baseline {
        warnings = List.copyOf(warnings);
    }

    Baseline(String label, Plan plan, List<String> warnings) {
        this(label, plan, Optional.empty(), warnings);
    }

    /** No plan at all: nothing deployed yet, or no project at that revision. */
    static Plan empty(Path projectRoot) {
        return new Plan(projectRoot.getFileName().toString(), List.of(), "none");
    }
}
