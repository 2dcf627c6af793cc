package dev.fsc.cli.plan;

import dev.fsc.cli.deploy.DeployState;
import dev.fsc.cli.deploy.DeployTarget;
import dev.fsc.cli.deploy.StateStore;
import dev.fsc.compiler.plan.PlanJson;
import dev.fsc.compiler.spec.ProjectSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The plan deployed to an environment, from its state store ({@code fsc deploy} writes it): the folder or the
 * {@code s3://} location fsc.yaml names as the environment's {@code state:}, by default {@code .fsc/state/<env>}
 * in the project.
 */
public final class StateBaseline {
    private final Path projectRoot;
    private final ProjectSpec project;

    public StateBaseline(Path projectRoot, ProjectSpec project) {
        this.projectRoot = projectRoot.toAbsolutePath().normalize();
        this.project = project;
    }

    /** What is deployed to the environment, or an empty baseline (with a note saying so) when nothing is. */
    public Baseline of(String environment) throws IOException {
        return ifDeployed(environment).orElseGet(() -> new Baseline("environment " + environment, Baseline.empty(projectRoot),
                List.of("nothing is deployed to `" + environment + "` yet")));
    }

    /** What is deployed to the environment; empty when nothing is (or fsc.yaml does not declare it). */
    public Optional<Baseline> ifDeployed(String environment) throws IOException {
        StateStore store;
        try {
            store = DeployTarget.of(projectRoot, project, environment).stateStore();
        } catch (DeployTarget.UnsupportedTargetException e) {
            if (project.environment(environment).isEmpty()) {
                return Optional.empty();
            }
            throw new BaselineException(e.getMessage());
        }
        Optional<DeployState> deployed = store.read();
        if (deployed.isEmpty()) {
            return Optional.empty();
        }
        String plan = Optional.ofNullable(deployed.get().artifacts().get("plan.json")).flatMap(hash -> artifact(store, hash))
                .orElseThrow(() -> new BaselineException("the state of `" + environment + "` (" + store.location()
                        + ") names no stored plan.json"));
        try {
            return Optional.of(new Baseline("environment " + environment, PlanJson.read(plan), List.of()));
        } catch (RuntimeException e) {
            throw new BaselineException("cannot read the state of `" + environment + "` (" + store.location() + "): " + e.getMessage());
        }
    }

    private static Optional<String> artifact(StateStore store, String hash) {
        try {
            return store.artifact(hash);
        } catch (IOException e) {
            throw new BaselineException("cannot read " + store.location() + ": " + e.getMessage());
        }
    }
}
