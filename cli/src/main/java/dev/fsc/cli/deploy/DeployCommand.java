package dev.fsc.cli.deploy;

import dev.fsc.cli.DurationConverter;
import dev.fsc.cli.ExitCodes;
import dev.fsc.cli.GeneratedFiles;
import dev.fsc.cli.ProjectOption;
import dev.fsc.cli.Version;
import dev.fsc.compiler.codegen.TableVersions;
import dev.fsc.compiler.model.Model;
import dev.fsc.compiler.plan.ModelToPlan;
import dev.fsc.compiler.plan.Plan;
import dev.fsc.compiler.plan.PlanJson;
import dev.fsc.compiler.plan.diff.HumanDiffRenderer;
import dev.fsc.compiler.plan.diff.PlanDiff;
import dev.fsc.compiler.plan.diff.PlanDiffer;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fsc deploy --env E}: the plan against what the environment has, approval, then the actions in
 * a safe order under the environment's lock, each recorded as it finishes; the new state document is
 * written last, so it names a deploy only once all of it is live.
 */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Apply the specs to an environment: show the plan, ask (on a terminal), apply, record the state.",
                "Exit 0 deployed or nothing to do, 1 spec errors or a failed/locked deploy, 2 usage."})
public final class DeployCommand implements Callable<Integer> {
    @CommandLine.Mixin
    private ProjectOption project;

    @Option(names = "--env", paramLabel = "NAME", required = true, description = "environment from fsc.yaml")
    private String environment;

    @Option(names = "--auto-approve", description = "apply without asking (CI)")
    private boolean autoApprove;

    @Option(names = "--dry-run", description = "show the plan and the actions, change nothing")
    private boolean dryRun;

    @Option(names = "--warm-timeout", paramLabel = "DURATION", defaultValue = "30m", converter = DurationConverter.class,
            description = "how long a new version of an online view may take to catch up before readers move to it;"
                    + " past it the deploy fails and readers stay on the old version (default ${DEFAULT-VALUE})")
    private Duration warmTimeout;

    @Option(names = "--rollback-to", paramLabel = "SERIAL",
            description = "deploy again what the deploy of state serial SERIAL deployed — its stored generated files, plan and"
                    + " table versions — instead of compiling the specs (fsc status --env NAME --history lists the serials)")
    private Integer rollbackTo;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EnvironmentProject loaded = EnvironmentProject.load(project, environment, "deploy", err);
        if (!loaded.ok()) {
            return loaded.exitCode();
        }
        Model model = loaded.model();
        DeployTarget target = loaded.target();
        StateStore store = target.stateStore();

        Optional<DeployState> deployed = store.read();
        Optional<DeployState> restoring = rollbackTo == null ? Optional.empty() : store.history(rollbackTo);
        if (rollbackTo != null && restoring.isEmpty()) {
            err.println("fsc deploy: " + environment + " has no deploy of serial " + rollbackTo + " (it is at serial "
                    + deployed.map(DeployState::serial).orElse(0) + "); nothing applied. fsc status --env " + environment
                    + " --history lists the deploys it can roll back to");
            return ExitCodes.USER_ERRORS;
        }
        TableVersions tables = restoring.or(() -> deployed).map(DeployState::tables).orElse(TableVersions.NONE);
        Plan plan;
        Map<String, String> files;
        if (restoring.isPresent()) {
            try {
                files = restoredFiles(store, restoring.get());
            } catch (IOException e) {
                err.println("fsc deploy: cannot roll back to serial " + rollbackTo + ", so nothing was applied: " + e.getMessage());
                return ExitCodes.USER_ERRORS;
            }
            plan = PlanJson.read(files.get("plan.json"));
            out.println("Rolling back " + environment + " to serial " + rollbackTo + ": plan " + plan.planHash() + ", deployed "
                    + restoring.get().deployedAt() + " by " + restoring.get().deployedBy() + " (its stored files, not the specs).");
        } else {
            plan = new ModelToPlan().plan(model);
            files = files(model, plan, tables);
        }
        store.unfinished().ifPresent(partial -> err.println("fsc deploy: note: a deploy of plan " + partial.planHash()
                + " by " + partial.deployedBy() + " did not finish (applied: " + partial.applied().size()
                + " actions); this deploy converges from where it stopped"));
        Plan deployedPlan = deployed.isEmpty() ? new Plan(plan.project(), List.of(), "none")
                : PlanJson.read(store.artifact(deployed.get().artifacts().get("plan.json")).orElseThrow(
                        () -> new IOException("the state of " + environment + " names a plan.json that its artifact store lacks")));
        PlanDiff diff = new PlanDiffer().diff(deployedPlan, plan, "environment " + environment);
        List<DeployAction> actions = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        Map<String, String> newVersions = new TreeMap<>();
        try {
            Optional<EvolveIcebergTables> evolve = DeployPlanner.tables(loaded.root(), files, List.of());
            List<String> incompatible = evolve.isPresent() ? evolve.get().incompatible(reasons) : List.of();
            if (!incompatible.isEmpty() && restoring.isPresent()) {
                // a rollback restores the table versions of its serial; it never makes new ones
                err.println("fsc deploy: cannot roll back to serial " + rollbackTo + ", so nothing was applied: its jobs declare "
                        + "tables the live ones cannot take: " + String.join("; ", reasons));
                return ExitCodes.USER_ERRORS;
            }
            if (!incompatible.isEmpty()) {
                // a live table cannot take the change in place: the jobs move to its next version, the old one stays
                for (String physical : incompatible) {
                    String logical = tables.logical(physical);
                    tables = tables.next(logical);
                    newVersions.put(logical, tables.physical(logical));
                }
                files = files(model, plan, tables);
                evolve = DeployPlanner.tables(loaded.root(), files, List.copyOf(newVersions.values()));
            }
            actions.addAll(DeployPlanner.pending(store, target, deployed, files, evolve));
            actions.addAll(ConnectorPlanner.actions(model.project(), environment, files));
            actions.addAll(FlinkJobPlanner.actions(model.project(), environment, loaded.root(), target.stateDir(), files, deployed,
                    warmTimeout, longestDedup(model)));
        } catch (IOException e) {
            err.println("fsc deploy: cannot tell what " + environment + " needs, so nothing was applied: " + e.getMessage());
            return ExitCodes.USER_ERRORS;
        }
        Map<String, String> deployedFiles = files;
        TableVersions deployedTables = tables;
        boolean stateCurrent = deployed.filter(s -> s.planHash().equals(plan.planHash()) && s.artifacts().equals(hashes(deployedFiles))
                && s.tables().equals(deployedTables)).isPresent();
        if (actions.isEmpty() && stateCurrent) {
            DeployState state = deployed.get();
            out.println("No changes. Environment " + environment + " is at plan " + state.planHash() + " (serial "
                    + state.serial() + ", deployed " + state.deployedAt() + " by " + state.deployedBy() + ").");
            return ExitCodes.OK;
        }
        out.print(new HumanDiffRenderer(System.console() != null).render(diff));
        out.println();
        if (!newVersions.isEmpty()) {
            out.println("New table versions (" + newVersions.size() + "): these live tables cannot take the change in place, so the"
                    + " jobs move to a new version of each; the live table is left as it is, readable by whoever still reads it:");
            newVersions.forEach((logical, physical) -> {
                String was = TableVersions.physical(logical, deployedTables.version(logical) - 1);
                out.println("  + " + physical + "  (version " + deployedTables.version(logical) + " of " + logical + ", was " + was + ")");
                reasons.stream().filter(r -> r.startsWith("table " + was + ": ")).forEach(r -> out.println("      " + r));
            });
            out.println("  The new versions are EMPTY until backfilled; this deploy does not backfill. After it: "
                    + BackfillHint.of(model, newVersions.keySet()));
            out.println();
        }
        out.println("Actions (" + actions.size() + "):");
        actions.forEach(a -> out.println("  - " + a.describe()));
        out.println("  - record state serial " + (deployed.map(DeployState::serial).orElse(0) + 1) + " in " + store.location());
        out.flush();
        if (dryRun) {
            out.println("Dry run: nothing changed.");
            return ExitCodes.OK;
        }
        if (!autoApprove && !approved(out)) {
            return System.console() == null ? ExitCodes.USAGE : ExitCodes.OK;
        }
        Optional<String> emptyTables = newVersions.isEmpty() ? Optional.empty() : Optional.of("New table versions, EMPTY until backfilled ("
                + String.join(", ", newVersions.values()) + "): the jobs write them from their next run; the earlier versions keep their"
                + " rows. Backfill: " + BackfillHint.of(model, newVersions.keySet()));
        return apply(store, deployed, plan, files, tables, emptyTables, actions, out, err);
    }

    private boolean approved(PrintWriter out) {
        Console console = System.console();
        if (console == null) {
            spec.commandLine().getErr().println("fsc deploy: not on a terminal, so nothing was applied; pass --auto-approve "
                    + "to apply without asking (CI), or --dry-run to only see the plan");
            return false;
        }
        String answer = console.readLine("Apply these changes to %s? Only 'yes' is accepted: ", environment);
        if (!"yes".equals(answer == null ? null : answer.strip())) {
            out.println("Not applied.");
            return false;
        }
        return true;
    }

    private int apply(StateStore store, Optional<DeployState> deployed, Plan plan, Map<String, String> files, TableVersions tables,
            Optional<String> emptyTables, List<DeployAction> actions, PrintWriter out, PrintWriter err) throws IOException {
        String who = System.getProperty("user.name", "unknown") + "@" + LocalStateStore.hostName();
        try (StateLock lock = store.lock(who)) {
            int serial = store.read().map(DeployState::serial).orElse(0);
            if (serial != deployed.map(DeployState::serial).orElse(0)) {
                err.println("fsc deploy: the state of " + environment + " changed while this plan was shown (serial "
                        + serial + "); nothing applied — run fsc deploy again to see the new plan");
                return ExitCodes.USER_ERRORS;
            }
            List<String> applied = new ArrayList<>();
            for (DeployAction action : actions) {
                out.println("fsc deploy: " + action.describe());
                out.flush();
                try {
                    action.apply();
                } catch (IOException e) {
                    err.println("fsc deploy: failed: " + action.describe() + ": " + e.getMessage());
                    err.println("fsc deploy: " + applied.size() + " of " + actions.size() + " actions were applied and recorded in "
                            + store.location() + "/progress.json; the state still names the previous deploy. Fix the cause and run "
                            + "fsc deploy again: it converges from there.");
                    return ExitCodes.USER_ERRORS;
                }
                action.outcome().forEach(line -> out.println("  " + line));
                applied.add(action.describe());
                store.recordProgress(state(serial + 1, plan, files, who, false, applied, tables), lock);
            }
            DeployState next = state(serial + 1, plan, files, who, true, applied, tables);
            store.write(next, files.get("plan.json"), lock);
            out.println("Deployed plan " + plan.planHash() + " to " + environment + " (state serial " + next.serial() + ").");
            emptyTables.ifPresent(out::println);
            return ExitCodes.OK;
        } catch (StateLockedException | StateConflictException e) {
            err.println("fsc deploy: " + e.getMessage() + "; nothing applied by this deploy");
            return ExitCodes.USER_ERRORS;
        }
    }

    private static DeployState state(int serial, Plan plan, Map<String, String> files, String who, boolean complete, List<String> applied,
            TableVersions tables) {
        return new DeployState(serial, plan.planHash(), Version.current(), Instant.now().toString(), who, complete, hashes(files), applied,
                tables);
    }

    /** Every generated file for this environment, by relative path, naming the tables at {@code tables}' versions. */
    private Map<String, String> files(Model model, Plan plan, TableVersions tables) {
        Map<String, String> files = new TreeMap<>();
        GeneratedFiles.of(model, plan, environment, tables).forEach((path, content) -> files.put(path.toString(), content));
        return files;
    }

    /** The longest dedup interval of the sources: how long after its first record a fresh stream may count duplicates. */
    private static Duration longestDedup(Model model) {
        return model.sources().stream().flatMap(s -> s.spec().dedup().stream()).map(d -> d.within().value())
                .max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** The generated files a deploy stored, from the artifact store by their content hashes. */
    private static Map<String, String> restoredFiles(StateStore store, DeployState deploy) throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (Map.Entry<String, String> artifact : deploy.artifacts().entrySet()) {
            files.put(artifact.getKey(), store.artifact(artifact.getValue()).orElseThrow(() -> new IOException("the artifact store "
                    + store.location() + "/artifacts lacks " + artifact.getKey() + " (" + artifact.getValue() + ") of serial " + deploy.serial())));
        }
        if (!files.containsKey("plan.json")) {
            throw new IOException("serial " + deploy.serial() + " names no plan.json");
        }
        return files;
    }

    private static Map<String, String> hashes(Map<String, String> files) {
        Map<String, String> hashes = new TreeMap<>();
        files.forEach((path, content) -> hashes.put(path, LocalStateStore.sha256(content)));
        return hashes;
    }
}
