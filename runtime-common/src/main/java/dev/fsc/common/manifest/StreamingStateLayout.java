package dev.fsc.common.manifest;

/**
 * Which stateful operators the Flink runner plans a streaming job's SQL into. The same SQL can become a different
 * operator graph when the runner changes (its connectors' changelog modes, functions, planner options), and a
 * savepoint restores only into the graph it was taken from — so a deployed job's state shape includes this number,
 * and a changed layout makes deploy start the job fresh instead of failing on the savepoint.
 *
 * <p>1: the first runner. 2: the online-store sink accepts retractions, so each tile view's GROUP BY is one
 * operator shared by its two sinks (it was two). 3: the statement set runs as a compiled plan, its tile aggregates'
 * state with a TTL.
 */
public final class StreamingStateLayout {
    public static final int VERSION = 3;

    private StreamingStateLayout() {
    }
}
