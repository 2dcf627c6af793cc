package dev.fsc.cli.deploy;

import java.io.IOException;

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
    default java.util.List<String> outcome() {
        return java.util.List.of();
    }
}
