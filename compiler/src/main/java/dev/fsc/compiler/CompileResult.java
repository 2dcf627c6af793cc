package dev.fsc.compiler;

import dev.fsc.compiler.diag.Diagnostic;
import dev.fsc.compiler.model.Model;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What compiling one project gave: every diagnostic, and the model when there were no errors. */
public record CompileResult(Path root, List<Diagnostic> diagnostics, Optional<Model> model, int fileCount, int specCount) {
    public CompileResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
