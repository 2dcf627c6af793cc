package dev.fsc.compiler;

import dev.fsc.compiler.diag.Diagnostics;
import dev.fsc.compiler.resolve.Resolution;
import dev.fsc.compiler.resolve.Resolver;
import dev.fsc.compiler.spec.LoadedProject;
import dev.fsc.compiler.spec.ProjectLoader;
import dev.fsc.compiler.sql.ModelTyper;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The compiler's front end, read as its phase list: load and shape-check the files, resolve names,
 * type the SQL. It stops after loading if any file is malformed (later phases would only echo it).
 */
public final class Compiler {
    private final ProjectLoader loader = new ProjectLoader();

    public CompileResult compile(Path projectRoot) {
        Path root = projectRoot.toAbsolutePath().normalize();
        Diagnostics diagnostics = new Diagnostics();
        Optional<LoadedProject> loaded = loader.load(root, diagnostics);
        if (loaded.isEmpty() || diagnostics.hasErrors()) {
            return result(root, diagnostics, Optional.empty(), loaded);
        }
        Resolution resolution = new Resolver().resolve(loaded.get());
        diagnostics.addAll(resolution.diagnostics());
        ModelTyper.Typed typed = new ModelTyper().type(resolution);
        diagnostics.addAll(typed.diagnostics());
        return result(root, diagnostics, diagnostics.hasErrors() ? Optional.empty() : Optional.of(typed), loaded);
    }

    private static CompileResult result(Path root, Diagnostics diagnostics, Optional<ModelTyper.Typed> typed,
                                        Optional<LoadedProject> loaded) {
        return new CompileResult(root, diagnostics.sorted(), typed.map(ModelTyper.Typed::model),
                loaded.map(LoadedProject::fileCount).orElse(1), loaded.map(p -> p.specs().size()).orElse(0));
    }
}
