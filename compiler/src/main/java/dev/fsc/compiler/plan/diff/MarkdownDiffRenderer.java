package dev.fsc.compiler.plan.diff;

import dev.fsc.compiler.plan.NodeId;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Renders a plan diff as a pull-request comment: a summary, a table of changed nodes, a Mermaid graph
 * of the changes and what they cause downstream, and the details per node in collapsible sections.
 */
public final class MarkdownDiffRenderer {

    public String render(PlanDiff diff) {
        StringBuilder out = new StringBuilder();
        out.append("### fsc plan: `").append(diff.project()).append("`\n\n");
        out.append("Compared with ").append(diff.baseLabel()).append(" (`").append(diff.baseHash()).append("` → `")
                .append(diff.headHash()).append("`).\n\n");
        if (!diff.hasChanges()) {
            return out.append("**No changes.**\n").toString();
        }
        out.append("**").append(HumanDiffRenderer.summary(diff)).append("**\n\n");
        out.append("| | node | class | consequences |\n|---|---|---|---|\n");
        for (NodeChange change : diff.changes()) {
            out.append("| `").append(change.type().symbol()).append("` | `").append(change.id()).append("` | ")
                    .append(change.category() == Category.BREAKING ? "**breaking**" : change.category().label()).append(" | ")
                    .append(String.join("<br>", change.consequences().stream()
                            .map(c -> c.kind().name().toLowerCase().replace('_', ' ') + " `" + c.target() + "`").toList()))
                    .append(" |\n");
        }
        out.append("\n```mermaid\ngraph LR\n");
        Set<String> edges = new LinkedHashSet<>();
        for (NodeChange change : diff.changes()) {
            out.append("  ").append(mermaidId(change.id())).append("[\"").append(change.type().symbol()).append(' ')
                    .append(change.id()).append("\"]:::").append(change.category().name().toLowerCase()).append('\n');
            change.causes().forEach(cause -> edges.add("  " + mermaidId(cause) + " --> " + mermaidId(change.id())));
        }
        edges.forEach(e -> out.append(e).append('\n'));
        out.append("  classDef breaking fill:#fdd,stroke:#c00\n  classDef non_breaking fill:#dfd,stroke:#080\n")
                .append("  classDef indirect fill:#ffd,stroke:#aa0\n  classDef metadata fill:#eee,stroke:#888\n```\n\n");
        for (NodeChange change : diff.changes()) {
            out.append("<details><summary><code>").append(change.type().symbol()).append(' ').append(change.id())
                    .append("</code> (").append(change.category().label()).append(")</summary>\n\n");
            change.definitionChanges().forEach(p -> property(out, p));
            change.metadataChanges().forEach(p -> property(out, p));
            change.consequences().forEach(c -> out.append("- ").append(c.kind().name().toLowerCase().replace('_', ' '))
                    .append(" `").append(c.target()).append("`: ").append(c.detail()).append('\n'));
            out.append("\n</details>\n\n");
        }
        return out.toString();
    }

    private static void property(StringBuilder out, PropertyChange p) {
        out.append("- `").append(p.key()).append("`: ")
                .append(p.before().map(v -> "~~`" + v + "`~~ ").orElse(""))
                .append(p.after().map(v -> "`" + v + "`").orElse("(removed)")).append('\n');
    }

    private static String mermaidId(NodeId id) {
        return id.toString().replaceAll("[^A-Za-z0-9_]", "_");
    }
}
