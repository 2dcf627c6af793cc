package dev.fsc.cli.backfill;

import dev.fsc.cli.plan.Baseline;
import dev.fsc.cli.plan.BaselineException;
import dev.fsc.cli.plan.GitBaseline;
import dev.fsc.cli.plan.StateBaseline;
import dev.fsc.compiler.plan.Plan;
import dev.fsc.compiler.plan.diff.Consequence;
import dev.fsc.compiler.plan.diff.NodeChange;
import dev.fsc.compiler.plan.diff.PlanDiff;
import dev.fsc.compiler.plan.diff.PlanDiffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.fsc.compiler.spec.ProjectSpec;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The backfill a plan change calls for: every node whose change has a BACKFILL (or, for datasets, a new
 * version) consequence, as backfill targets
 * ({@code view:V}, {@code dataset:D}; a changed source or its silver means {@code all}). The baseline is the
 * environment's deployed plan ({@code .fsc/state/<env>/plan.json}) when there is one, else git {@code HEAD} —
 * deliberately simple until {@code fsc deploy} records deployments.
 */
public final class PlanTargets {
    private PlanTargets() {
    }

    /** The targets of a diff, sorted; empty when nothing needs a backfill. */
    public static Set<String> of(PlanDiff diff) {
        Set<String> targets = new TreeSet<>();
        for (NodeChange change : diff.changes()) {
            // a dataset whose inputs changed gets a new version: its rows are rebuilt too, or they would mix both
            if (change.consequences().stream().noneMatch(c -> c.kind() == Consequence.Kind.BACKFILL
                    || c.kind() == Consequence.Kind.DATASET_VERSION)) {
                continue;
            }
            String name = change.id().name();
            switch (change.id().kind()) {
                case TILES -> targets.add("view:" + name.substring(0, name.contains(":") ? name.indexOf(':') : name.length()));
                case FEATURE_VIEW -> targets.add("view:" + name);
                case DATASET -> targets.add("dataset:" + name);
                default -> targets.add("all");
            }
        }
        return targets.contains("all") ? Set.of("all") : targets;
    }

    /** The command line that runs them, for {@code fsc plan} to print. */
    public static String command(Set<String> targets) {
        return "fsc backfill --days N" + (targets.contains("all") ? "" : " (no target: runs " + String.join(", ", targets) + ")");
    }

    /** The diff of the project's plan against what is deployed to {@code environment}, or against git HEAD. */
    static PlanDiff diff(Path root, ProjectSpec project, Plan head, String environment)
            throws IOException, InterruptedException, BaselineException {
        Baseline base = new StateBaseline(root, project).ifDeployed(environment).orElse(null);
        if (base == null) {
            base = new GitBaseline(root).at("HEAD", false);
        }
        return new PlanDiffer().diff(base.plan(), head, base.label());
    }

    /** Labels for a state file: {@code plan:<targets>}. */
    static String label(Set<String> targets) {
        return "plan:" + String.join(",", targets);
    }

    static List<String> list(String planTarget) {
        return List.of(planTarget.substring("plan:".length()).split(","));
    }
}
