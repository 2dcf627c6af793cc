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
}
