package dev.fsc.cli.backfill;

import dev.fsc.common.manifest.JobManifest;
import dev.fsc.common.manifest.JobManifest.Kind;
import dev.fsc.common.manifest.JobManifest.Step;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which steps of the daily job a backfill runs: the target's steps and every step they read from (silver →
 * tiles → datasets, only what the target needs), plus the quality checks of what it rewrites. Never the
 * daily job's PUBLISH or what follows it: a backfill publishes on its own terms, once, at the end.
 */
public final class TargetSteps {
    private TargetSteps() {
    }

    /** The steps of {@code job} the targets need, in file order; empty if a target names no step. */
    public static Optional<List<Step>> select(JobManifest job, List<String> targets) {
        Set<String> roots = new LinkedHashSet<>();
        for (String target : targets) {
            List<String> matched = job.steps().stream().filter(s -> matches(s, target)).map(Step::id).toList();
            if (matched.isEmpty()) {
                return Optional.empty();
            }
            roots.addAll(matched);
        }
        Map<String, Step> byId = new HashMap<>();
        job.steps().forEach(s -> byId.put(s.id(), s));
        Set<String> needed = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (needed.add(id)) {
                todo.addAll(byId.get(id).dependsOn());
            }
        }
        for (Step s : job.steps()) { // the audits of every table the backfill rewrites
            if (s.kind() == Kind.CHECK && needed.containsAll(s.dependsOn())) {
                needed.add(s.id());
            }
        }
        return Optional.of(job.steps().stream().filter(s -> needed.contains(s.id())).toList());
    }

    /** {@code all}: every step before the publish; {@code view:V}: V's tiles; {@code dataset:D}: D's rows. */
    private static boolean matches(Step step, String target) {
        if (step.kind() == Kind.PUBLISH) {
            return false;
        }
        if (target.equals("all")) {
            return step.kind() == Kind.SQL && !step.id().startsWith("tag_");
        }
        if (target.startsWith("view:")) {
            return Pattern.matches("tiles_" + Pattern.quote(target.substring(5)) + "_[0-9]+[smhd]", step.id());
        }
        return target.startsWith("dataset:") && step.id().equals("dataset_" + target.substring(8));
    }
}
