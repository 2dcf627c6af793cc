package dev.fsc.compiler.plan.diff;

import dev.fsc.compiler.plan.NodeId;
import dev.fsc.compiler.plan.NodeKind;
import dev.fsc.compiler.plan.Plan;
import dev.fsc.compiler.plan.PlanNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Derives what a node change implies for tables, streaming jobs, online keys and dataset versions. */
final class ConsequenceRules {
    private ConsequenceRules() {
    }

    static List<Consequence> of(NodeId id, ChangeType type, Category category, Optional<PlanNode> base, Optional<PlanNode> head,
                                Plan headPlan, Plan basePlan) {
        List<Consequence> consequences = new ArrayList<>();
        if (category == Category.METADATA) {
            return consequences;
        }
        PlanNode node = head.or(() -> base).orElseThrow();
        switch (id.kind()) {
            case SILVER -> {
                boolean retentionOnly = type == ChangeType.MODIFY && base.isPresent() && head.isPresent()
                        && withoutRetention(base.get()).equals(withoutRetention(head.get()))
                        && base.get().inputs().equals(head.get().inputs())
                        && inputsUnchanged(base.get(), basePlan, headPlan);
                if (type != ChangeType.REMOVE && !retentionOnly) {
                    consequences.add(new Consequence(Consequence.Kind.BACKFILL, "silver." + id.name(),
                            "recompute " + Optional.ofNullable(node.definition().get("retention")).map(r -> "the last " + r)
                                    .orElse("all days") + " from bronze"));
                }
            }
            case TILES -> tiles(id, type, node, headPlan, basePlan, consequences);
            case FEATURE_VIEW -> {
                servingSwitch(base, head, headPlan, consequences);
                onlineKeys(id, type, category, base, node, consequences);
            }
            case DATASET -> {
                if (type != ChangeType.REMOVE) {
                    consequences.add(new Consequence(Consequence.Kind.DATASET_VERSION, node.definition()
                            .getOrDefault("output.table", "gold." + id.name()), "new version " + node.fingerprint()
                            + ": rebuild every partition; earlier tagged snapshots stay as they were"));
                }
            }
            default -> { }
        }
        return consequences;
    }

    /** Turning {@code online} on or off adds or drops the view's aggregations in the streaming job. */
    private static void servingSwitch(Optional<PlanNode> base, Optional<PlanNode> head, Plan headPlan, List<Consequence> out) {
        if (base.isEmpty() || head.isEmpty()) {
            return;
        }
        boolean was = "true".equals(base.get().definition().get("online"));
        boolean is = "true".equals(head.get().definition().get("online"));
        if (was == is) {
            return;
        }
        String job = "streaming job of " + String.join(", ", head.get().inputs().stream()
                .flatMap(tiles -> headPlan.node(tiles).stream()).flatMap(tiles -> tiles.inputs().stream())
                .map(NodeId::name).distinct().sorted().toList());
        out.add(new Consequence(Consequence.Kind.STREAMING_RESTART, job, is
                ? "restart with this view's aggregations added: the job's state changes shape, so it starts fresh and replays its sources from their start"
                : "restart without this view's aggregations: the job starts fresh and replays its sources from their start"));
    }

    private static java.util.Map<String, String> withoutRetention(PlanNode silver) {
        java.util.Map<String, String> definition = new java.util.TreeMap<>(silver.definition());
        definition.remove("retention");
        return definition;
    }

    private static boolean inputsUnchanged(PlanNode node, Plan basePlan, Plan headPlan) {
        return node.inputs().stream().allMatch(input -> basePlan.node(input).map(PlanNode::fingerprint)
                .equals(headPlan.node(input).map(PlanNode::fingerprint)));
    }

    private static void tiles(NodeId id, ChangeType type, PlanNode node, Plan headPlan, Plan basePlan, List<Consequence> out) {
        String table = "gold.tiles_" + id.name().replace(':', '_');
        if (type != ChangeType.REMOVE) {
            out.add(new Consequence(Consequence.Kind.BACKFILL, table, "recompute the last "
                    + node.definition().getOrDefault("window.longest", "window") + " of tiles from silver"));
        }
        Plan plan = type == ChangeType.REMOVE ? basePlan : headPlan;
        boolean online = plan.users(id).stream().filter(n -> n.kind() == NodeKind.FEATURE_VIEW)
                .anyMatch(n -> "true".equals(n.definition().get("online")));
        if (!online) {
            return;
        }
        String job = "streaming job of " + String.join(", ", node.inputs().stream().map(NodeId::name).toList());
        out.add(new Consequence(Consequence.Kind.STREAMING_RESTART, job, switch (type) {
            case ADD -> "restart with the new aggregation: the job's state changes shape, so it starts fresh and replays its sources from their start";
            case REMOVE -> "restart without this aggregation: the job starts fresh and replays its sources from their start";
            case MODIFY -> "state of this aggregation is not compatible: the job starts fresh and replays its sources from their start";
        }));
    }

    private static void onlineKeys(NodeId id, ChangeType type, Category category, Optional<PlanNode> base, PlanNode node,
                                   List<Consequence> out) {
        if (!"true".equals(node.definition().get("online"))) {
            return;
        }
        boolean startsServing = base.map(b -> !"true".equals(b.definition().get("online"))).orElse(true);
        String detail = startsServing ? "starts serving: new keys " + id.name() + "@" + node.fingerprint()
                + ", written by streaming, served at once (nothing was served before; values fill in as the stream catches up)" : switch (type) {
            case ADD -> "new keys " + id.name() + "@" + node.fingerprint() + ", served once warm";
            case REMOVE -> "keys of " + id.name() + " expire (ttl) after readers stop";
            case MODIFY -> category == Category.NON_BREAKING
                    ? "new keys " + id.name() + "@" + node.fingerprint() + " (a new version); readers keep the current values until it is warm"
                    : "values change: written to new keys " + id.name() + "@" + node.fingerprint()
                    + "; readers switch only when they are warm";
        };
        out.add(new Consequence(Consequence.Kind.ONLINE_KEYS, "online store: " + id.name(), detail));
    }
}
