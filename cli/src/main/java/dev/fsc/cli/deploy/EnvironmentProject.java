package dev.fsc.cli.deploy;

import dev.fsc.cli.ExitCodes;
import dev.fsc.cli.ProjectOption;
import dev.fsc.compiler.CompileResult;
import dev.fsc.compiler.Compiler;
import dev.fsc.compiler.diag.HumanRenderer;
import dev.fsc.compiler.model.Model;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The project a deploy-side command acts on, compiled, with its environment's target — or, when that
 * fails, the exit code after the reason was printed (spec errors: 1; no project or environment: 2).
 */
record EnvironmentProject(Path root, Model model, DeployTarget target, int exitCode) {
    boolean ok() {
        return model != null;
    }

    static EnvironmentProject load(ProjectOption project, String environment, String command, PrintWriter err) {
        Optional<Path> found = project.root(command, err);
        if (found.isEmpty()) {
            return failed(ExitCodes.USAGE);
        }
        CompileResult result = new Compiler().compile(found.get());
        if (result.model().isEmpty()) {
            err.print(new HumanRenderer(Path.of(".")).render(result.diagnostics()));
            err.println("fsc " + command + ": nothing done; fix the errors above");
            return failed(ExitCodes.USER_ERRORS);
        }
        try {
            return new EnvironmentProject(found.get(), result.model().get(),
                    DeployTarget.of(found.get(), result.model().get().project(), environment), ExitCodes.OK);
        } catch (DeployTarget.UnsupportedTargetException e) {
            err.println("fsc " + command + ": " + e.getMessage());
            return failed(ExitCodes.USAGE);
        }
    }

    private static EnvironmentProject failed(int exitCode) {
        return new EnvironmentProject(null, null, null, exitCode);
    }
}
