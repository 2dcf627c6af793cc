package dev.fsc.cli;

import dev.fsc.cli.deploy.EnvironmentTables;
import dev.fsc.compiler.CompileResult;
import dev.fsc.compiler.Compiler;
import dev.fsc.compiler.diag.HumanRenderer;
import dev.fsc.compiler.plan.ModelToPlan;
import dev.fsc.compiler.plan.Plan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fsc compile --out DIR}: writes every generated file of a project, all or nothing. */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = "Compile a project and write its generated files (plan.json, ...) to a folder, replacing it whole.")
final class CompileCommand implements Callable<Integer> {
    @CommandLine.Mixin
    private ProjectOption project;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "build", description = "output folder (default: build)")
    private Path out;

    @Option(names = "--env", paramLabel = "NAME", defaultValue = "local",
            description = "environment from fsc.yaml the jobs are generated for (default: local)")
    private String environment;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Path> found = project.root("compile", err);
        if (found.isEmpty()) {
            return ExitCodes.USAGE;
        }
        CompileResult result = new Compiler().compile(found.get());
        HumanRenderer renderer = new HumanRenderer(Path.of("."));
        err.print(renderer.render(result.diagnostics()));
        if (result.model().isEmpty()) {
            err.println("fsc compile: nothing written; fix the errors above");
            return ExitCodes.USER_ERRORS;
        }
        Plan plan = new ModelToPlan().plan(result.model().get());
        EnvironmentTables.Lookup tables = EnvironmentTables.of(found.get(), result.model().get().project(), environment);
        tables.note().ifPresent(n -> err.println("fsc compile: note: " + n));
        Map<Path, String> files = GeneratedFiles.of(result.model().get(), plan, environment, tables.versions());
        new AtomicFolderWriter(out).write(files);
        stdout.println("compiled " + plan.project() + " (plan " + plan.planHash() + ", " + plan.nodes().size()
                + " nodes) -> " + renderer.displayPath(out) + " (" + HumanRenderer.count(files.size(), "file") + ")");
        EnvironmentTables.describe(tables.versions()).forEach(t -> stdout.println("  table version: " + t));
        stdout.flush();
        return ExitCodes.OK;
    }
}
