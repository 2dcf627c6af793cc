package dev.fsc.cli;

import dev.fsc.compiler.CompileResult;
import dev.fsc.compiler.Compiler;
import dev.fsc.compiler.diag.DidYouMean;
import dev.fsc.compiler.diag.HumanRenderer;
import dev.fsc.compiler.model.Model;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code fsc explain NAME}: what the compiler understood of a source, entity, view or dataset. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Show a resolved source, entity, feature view or dataset with its inferred types.")
final class ExplainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "name of a source, entity, feature view or dataset")
    private String name;

    @CommandLine.Mixin
    private ProjectOption project;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Path> found = project.root("explain", err);
        if (found.isEmpty()) {
            return ExitCodes.USAGE;
        }
        CompileResult result = new Compiler().compile(found.get());
        if (result.model().isEmpty()) {
            err.print(new HumanRenderer(Path.of(".")).render(result.diagnostics()));
            err.println("fsc explain: fix the errors above first (`fsc validate` lists them)");
            return ExitCodes.USER_ERRORS;
        }
        Model model = result.model().get();
        ModelExplainer explainer = new ModelExplainer(model, new HumanRenderer(Path.of(".")));
        Optional<String> text = explainer.explain(name);
        if (text.isEmpty()) {
            List<String> names = Stream.of(model.sources().stream().map(s -> s.name()),
                    model.entities().stream().map(e -> e.name().value()), model.views().stream().map(v -> v.name()),
                    model.datasets().stream().map(d -> d.name())).flatMap(s -> s).toList();
            err.println("fsc explain: nothing is named `" + name + "` in project " + model.project().project().value());
            err.println("  hint: " + DidYouMean.hint(name, names).orElse("names: " + String.join(", ", names)));
            return ExitCodes.USER_ERRORS;
        }
        out.print(text.get());
        out.flush();
        return ExitCodes.OK;
    }
}
