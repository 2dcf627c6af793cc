package dev.fsc.cli;

import dev.fsc.cli.plan.Baseline;
import dev.fsc.cli.plan.BaselineException;
import dev.fsc.cli.plan.GitBaseline;
import dev.fsc.cli.plan.StateBaseline;
import dev.fsc.compiler.CompileResult;
import dev.fsc.compiler.Compiler;
import dev.fsc.compiler.diag.HumanRenderer;
import dev.fsc.compiler.model.Model;
import dev.fsc.compiler.plan.ModelToPlan;
import dev.fsc.compiler.plan.Plan;
import dev.fsc.compiler.plan.diff.HumanDiffRenderer;
import dev.fsc.compiler.plan.diff.JsonDiffRenderer;
import dev.fsc.compiler.plan.diff.MarkdownDiffRenderer;
import dev.fsc.compiler.plan.diff.PlanDiff;
import dev.fsc.compiler.plan.diff.PlanDiffer;
import dev.fsc.compiler.plan.diff.UnifiedDiff;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fsc plan --diff}: what the working tree changes, in feature terms, against git or a deployed environment. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Show what the specs change compared with a git revision (default HEAD) or a deployed environment.",
                "Exit 0; with --detailed-exitcode: 0 no changes, 4 changes, 5 breaking changes (1 spec errors, 2 usage)."})
final class PlanCommand implements Callable<Integer> {
    static final int CHANGES = 4;
    static final int BREAKING_CHANGES = 5;
    /** The environment whose generated files `--show-sql` compares when the baseline is a git revision. */
    private static final String LOCAL_ENVIRONMENT = "local";

    enum Format { human, markdown, json }

    @CommandLine.Mixin
    private ProjectOption project;

    @Option(names = "--diff", description = "show the changes (the default and only mode for now)")
    private boolean diff;

    @ArgGroup(exclusive = true)
    private Base base = new Base();

    static final class Base {
        @Option(names = "--base", paramLabel = "REF", description = "git revision to compare with (default: HEAD)")
        String ref;

        @Option(names = "--env", paramLabel = "NAME", description = "compare with what is deployed to this environment")
        String environment;
    }

    @Option(names = "--format", defaultValue = "human", description = "human (default), markdown (PR comment) or json")
    private Format format;

    @Option(names = "--detailed-exitcode", description = "exit 4 when there are changes, 5 when some are breaking")
    private boolean detailedExitCode;

    @Option(names = "--show-sql", description = {"also print unified diffs of the generated files (human format):",
            "every file for the local environment against a git revision, plan.json against a deployed state"})
    private boolean showSql;

    @Option(names = "--color", negatable = true, description = "colour the human output (default: only on a terminal)")
    private Boolean colour;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Unified diffs of every generated file between the baseline and the working tree, for one environment.
     * A baseline known only as a plan (deployed state) is compared by its plan.json alone.
     */
    private static String generatedFileDiffs(Baseline baseline, Model headModel, Plan head, String environment) {
        boolean wholeBaseline = baseline.model().isPresent() || baseline.plan().nodes().isEmpty();
        Map<Path, String> before = baseline.model()
                .map(model -> GeneratedFiles.of(model, baseline.plan(), environment))
                .orElseGet(() -> baseline.plan().nodes().isEmpty() ? Map.of() : GeneratedFiles.of(baseline.plan()));
        Map<Path, String> after = wholeBaseline ? GeneratedFiles.of(headModel, head, environment) : GeneratedFiles.of(head);
        Set<Path> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        StringBuilder out = new StringBuilder();
        for (Path path : paths) {
            out.append(UnifiedDiff.of(path.toString(), before.getOrDefault(path, ""), after.getOrDefault(path, "")));
        }
        String scope = wholeBaseline ? "Generated files (environment " + environment + "):\n"
                : "Generated files (" + baseline.label() + " records its plan only, so only plan.json is compared):\n";
        return out.length() == 0 ? "" : "\n" + scope + out;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Path> found = project.root("plan", err);
        if (found.isEmpty()) {
            return ExitCodes.USAGE;
        }
        Path root = found.get();
        CompileResult result = new Compiler().compile(root);
        if (result.model().isEmpty()) {
            err.print(new HumanRenderer(Path.of(".")).render(result.diagnostics()));
            err.println("fsc plan: fix the errors above first");
            return ExitCodes.USER_ERRORS;
        }
        Plan head = new ModelToPlan().plan(result.model().get());
        Baseline baseline;
        try {
            baseline = base.environment != null ? new StateBaseline(root, result.model().get().project()).of(base.environment)
                    : new GitBaseline(root).at(base.ref == null ? "HEAD" : base.ref, showSql && format == Format.human);
        } catch (BaselineException e) {
            err.println("fsc plan: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        baseline.warnings().forEach(w -> err.println("fsc plan: note: " + w));
        PlanDiff planDiff = new PlanDiffer().diff(baseline.plan(), head, baseline.label());
        out.print(switch (format) {
            case human -> new HumanDiffRenderer(colour != null ? colour : System.console() != null).render(planDiff);
            case markdown -> new MarkdownDiffRenderer().render(planDiff);
            case json -> new JsonDiffRenderer().render(planDiff);
        });
        java.util.Set<String> backfill = dev.fsc.cli.backfill.PlanTargets.of(planDiff);
        if (format == Format.human && !backfill.isEmpty()) {
            out.println("To backfill: " + dev.fsc.cli.backfill.PlanTargets.command(backfill));
        }
        if (showSql && format == Format.human) {
            out.print(generatedFileDiffs(baseline, result.model().get(), head,
                    base.environment != null ? base.environment : LOCAL_ENVIRONMENT));
        }
        out.flush();
        if (!detailedExitCode || !planDiff.hasChanges()) {
            return ExitCodes.OK;
        }
        return planDiff.hasBreakingChanges() ? BREAKING_CHANGES : CHANGES;
    }
}
