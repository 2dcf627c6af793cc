package dev.fsc.cli.deploy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One change a deploy makes to an environment. Actions look at the environment itself, not only at the
 * state document, to tell whether they are done — so a deploy that died halfway converges when re-run.
 */
public interface DeployAction {
    /** One line for the plan a person approves, e.g. {@code write DAG fsc_daily.py -> /dags}. */
    String describe();

    /** The environment already is as this action would leave it. */
    boolean isApplied() throws IOException;

    void apply() throws IOException;

    /** What {@link #apply} did, in lines for the person deploying, when the description does not say it all. */
    default List<String> outcome() {
        return List.of();
    }

    /** The actions not yet applied, in their order: what a deploy still has to do. */
    static List<DeployAction> notApplied(List<DeployAction> actions) throws IOException {
        List<DeployAction> pending = new ArrayList<>();
        for (DeployAction action : actions) {
            if (!action.isApplied()) {
                pending.add(action);
            }
        }
        return pending;
    }
}
