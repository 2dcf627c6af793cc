package dev.fsc.cli;

import dev.fsc.compiler.CompileResult;
import dev.fsc.compiler.Compiler;
import dev.fsc.compiler.ProjectFinder;
import dev.fsc.compiler.diag.Diagnostic;
import dev.fsc.compiler.diag.HumanRenderer;
import dev.fsc.compiler.diag.JsonRenderer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fsc validate [PATH...]}: checks every project under the paths and reports all problems. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check specs: YAML shape, names, keys, windows and every SQL expression. Exit 0 ok, 1 errors, 2 usage.")
final class ValidateCommand implements Callable<Integer> {
    enum Format { human, json }

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "project folders, folders of projects, or spec files (default: .)")
    private List<Path> paths = new ArrayList<>();

    @Option(names = "--format", description = "human (default) or json", defaultValue = "human")
    private Format format;

    @Option(names = "--warnings-as-errors", description = "exit 1 when there are warnings")
    private boolean warningsAsErrors;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> roots = new ArrayList<>();
        for (Path path : paths.isEmpty() ? List.of(Path.of(".")) : paths) {
            if (!Files.exists(path)) {
                err.println("fsc validate: no such file or folder: " + path);
                return ExitCodes.USAGE;
            }
            List<Path> found = ProjectFinder.find(path);
            if (found.isEmpty()) {
                err.println("fsc validate: no fsc.yaml in or above " + path);
                err.println("  hint: a project is a folder with fsc.yaml at its root (`project: <name>`)");
                return ExitCodes.USAGE;
            }
            found.stream().filter(r -> !roots.contains(r)).forEach(roots::add);
        }
        Compiler compiler = new Compiler();
        List<Diagnostic> all = new ArrayList<>();
        HumanRenderer human = new HumanRenderer(Path.of("."));
        for (Path root : roots) {
            CompileResult result = compiler.compile(root);
            all.addAll(result.diagnostics());
            if (format == Format.human) {
                out.print(human.render(result.diagnostics()));
                out.println((result.hasErrors() ? "failed " : "ok     ") + human.displayPath(root)
                        + " (" + HumanRenderer.count(result.specCount(), "spec") + " in "
                        + HumanRenderer.count(result.fileCount(), "file") + ")");
            }
        }
        long errors = all.stream().filter(Diagnostic::isError).count();
        long warnings = all.size() - errors;
        if (format == Format.json) {
            out.print(new JsonRenderer(Path.of(".")).render(all));
        } else {
            out.println(roots.size() + (roots.size() == 1 ? " project: " : " projects: ") + HumanRenderer.summary(errors, warnings));
        }
        out.flush();
        return errors > 0 || (warningsAsErrors && warnings > 0) ? ExitCodes.USER_ERRORS : ExitCodes.OK;
    }
}
