package dev.fsc.cli.plan;

import dev.fsc.compiler.plan.Plan;
import java.nio.file.Path;
import java.util.List;

/**
 * What a plan is compared with: a label for people, the plan, and warnings (e.g. the base revision
 * did not compile, so everything shows as new).
 */
public record Baseline(String label, Plan plan, List<String> warnings) {
    public Baseline {
        warnings = List.copyOf(warnings);
    }

    /** No plan at all: nothing deployed yet, or no project at that revision. */
    static Plan empty(Path projectRoot) {
        return new Plan(projectRoot.getFileName().toString(), List.of(), "none");
    }
}
