package dev.fsc.compiler.plan.diff;

import java.util.List;

/** The difference between two plans of a project, as data; renderers turn it into text, markdown or JSON. */
public record PlanDiff(String project, String baseLabel, String baseHash, String headHash, List<NodeChange> changes) {
    public PlanDiff {
        changes = List.copyOf(changes);
    }

    public boolean hasChanges() {
        return !changes.isEmpty();
    }

    public boolean hasBreakingChanges() {
        return changes.stream().anyMatch(c -> c.category() == Category.BREAKING);
    }

    public long count(ChangeType type) {
        return changes.stream().filter(c -> c.type() == type).count();
    }
}
