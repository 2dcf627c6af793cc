package dev.fsc.compiler.plan.diff;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a plan diff for a terminal, Terraform-like: {@code + ~ -} per node, the changed properties
 * with before and after, the consequences, and a summary. Colour only when asked (on a TTY).
 */
public final class HumanDiffRenderer {
    private static final int MAX_ADDED_PROPERTIES = 6;
    private final boolean colour;

    public HumanDiffRenderer(boolean colour) {
        this.colour = colour;
    }

    public String render(PlanDiff diff) {
        StringBuilder out = new StringBuilder();
        out.append("fsc plan: ").append(diff.project()).append(", ").append(diff.baseLabel()).append(" (")
                .append(diff.baseHash()).append(") -> working tree (").append(diff.headHash()).append(")\n\n");
        if (!diff.hasChanges()) {
            return out.append("No changes. The plan matches ").append(diff.baseLabel()).append(".\n").toString();
        }
        for (NodeChange change : diff.changes()) {
            node(out, change);
        }
        out.append(summary(diff)).append('\n');
        return out.toString();
    }

    private void node(StringBuilder out, NodeChange change) {
        String symbol = paint(change.type().symbol(), colourOf(change));
        out.append(symbol).append(' ').append(change.id()).append("  ").append(change.category().label());
        if (!change.causes().isEmpty()) {
            out.append(" (via ").append(change.causes().stream().map(Object::toString).collect(Collectors.joining(", "))).append(')');
        }
        out.append('\n');
        List<PropertyChange> shown = change.type() == ChangeType.MODIFY ? change.definitionChanges()
                : change.definitionChanges().stream().limit(MAX_ADDED_PROPERTIES).toList();
        shown.forEach(p -> property(out, p));
        if (shown.size() < change.definitionChanges().size()) {
            out.append("      ... ").append(change.definitionChanges().size() - shown.size()).append(" more\n");
        }
        change.metadataChanges().forEach(p -> property(out, p));
        change.consequences().forEach(c -> out.append("      => ").append(c.kind().name().toLowerCase().replace('_', ' '))
                .append(' ').append(c.target()).append(": ").append(c.detail()).append('\n'));
        out.append('\n');
    }

    private void property(StringBuilder out, PropertyChange p) {
        if (p.before().isEmpty()) {
            out.append("      ").append(paint("+", "32")).append(' ').append(p.key()).append(": ").append(quote(p.after().get())).append('\n');
        } else if (p.after().isEmpty()) {
            out.append("      ").append(paint("-", "31")).append(' ').append(p.key()).append(": ").append(quote(p.before().get())).append('\n');
        } else {
            out.append("      ").append(paint("~", "33")).append(' ').append(p.key()).append(": ").append(quote(p.before().get()))
                    .append(" -> ").append(quote(p.after().get())).append('\n');
        }
    }

    static String summary(PlanDiff diff) {
        long breaking = diff.changes().stream().filter(c -> c.category() == Category.BREAKING).count();
        long backfills = diff.changes().stream().flatMap(c -> c.consequences().stream())
                .filter(c -> c.kind() == Consequence.Kind.BACKFILL).count();
        long restarts = diff.changes().stream().flatMap(c -> c.consequences().stream())
                .filter(c -> c.kind() == Consequence.Kind.STREAMING_RESTART).map(Consequence::target).distinct().count();
        return "Plan: " + diff.count(ChangeType.ADD) + " to add, " + diff.count(ChangeType.MODIFY) + " to change, "
                + diff.count(ChangeType.REMOVE) + " to remove; " + breaking + " breaking, " + backfills + " backfills, "
                + restarts + " streaming restarts.";
    }

    private static String quote(String value) {
        return value.isEmpty() ? "(set)" : "\"" + value + "\"";
    }

    private static String colourOf(NodeChange change) {
        return switch (change.type()) {
            case ADD -> "32";
            case REMOVE -> "31";
            case MODIFY -> "33";
        };
    }

    private String paint(String text, String ansiColour) {
        return colour ? "\u001b[" + ansiColour + "m" + text + "\u001b[0m" : text;
    }
}
