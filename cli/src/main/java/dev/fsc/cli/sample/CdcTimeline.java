package dev.fsc.cli.sample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * When each row of a CDC table changes: a share of rows exist before the window (read by the initial
 * snapshot), the rest are created during it; every row is updated a few times with growing gaps in
 * between, and about 3% are deleted. Rows are numbered by creation time, so serial ids grow with time.
 */
final class CdcTimeline {
    static final double DELETE_SHARE = 0.03;

    /** One row's versions (times of its event_time column) and its delete time, or -1. */
    record RowPlan(boolean snapshot, long[] versions, long deleteAt) {
        long born() {
            return versions[0];
        }

        long died() {
            return deleteAt < 0 ? Long.MAX_VALUE : deleteAt;
        }
    }

    private CdcTimeline() {
    }

    /**
     * @param dimension rows other sources refer to (users): most exist before the window; facts
     *                  (orders) are mostly created during it
     */
    static List<RowPlan> plan(SplittableRandom rng, int rows, boolean dimension, GeneratorOptions options) {
        long start = options.windowStart();
        long end = options.windowEnd();
        long window = options.windowLength();
        double snapshotShare = dimension ? 0.7 : 0.1;
        long history = dimension ? 365 * GeneratorOptions.DAY_MS : 7 * GeneratorOptions.DAY_MS;
        List<RowPlan> plans = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            boolean snapshot = rng.nextDouble() < snapshotShare;
            long first = snapshot ? start - Draw.between(rng, 3_600_000L, history) : start + rng.nextLong(window);
            int updates = 1 + rng.nextInt(4);
            double meanGap = (double) window / (updates + 1);
            List<Long> versions = new ArrayList<>();
            versions.add(first);
            long t = Math.max(first, start);
            for (int u = 0; u < updates; u++) {
                t += Math.max(1_000, Draw.exponential(rng, meanGap));
                if (t >= end) {
                    break;
                }
                versions.add(t);
            }
            plans.add(new RowPlan(snapshot, versions.stream().mapToLong(Long::longValue).toArray(), -1));
        }
        int[] eligible = java.util.stream.IntStream.range(0, rows)
                .filter(r -> last(plans.get(r)) < end - 60_000).toArray();
        int deletes = rows >= 10 ? (int) Math.max(1, Math.round(rows * DELETE_SHARE)) : 0;
        for (int pick : Draw.pick(rng, eligible.length, deletes)) {
            RowPlan plan = plans.get(eligible[pick]);
            long from = Math.max(last(plan), start) + 1_000;
            plans.set(eligible[pick], new RowPlan(plan.snapshot(), plan.versions(), Draw.between(rng, from, end - 1)));
        }
        List<Integer> order = new ArrayList<>(java.util.stream.IntStream.range(0, rows).boxed().toList());
        order.sort(Comparator.comparingLong((Integer r) -> plans.get(r).born()).thenComparingInt(r -> r));
        return order.stream().map(plans::get).toList();
    }

    private static long last(RowPlan plan) {
        return plan.versions()[plan.versions().length - 1];
    }

    /** Key lifetimes for the domain of the table's primary key: key i exists from born to died. */
    static long[][] lifetimes(List<RowPlan> plans) {
        long[] born = new long[plans.size()];
        long[] died = new long[plans.size()];
        for (int i = 0; i < plans.size(); i++) {
            born[i] = plans.get(i).born();
            died[i] = plans.get(i).died();
        }
        return new long[][] {born, died};
    }
}
