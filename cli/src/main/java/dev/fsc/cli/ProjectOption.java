package dev.fsc.cli;

import dev.fsc.compiler.ProjectFinder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --project} option of the commands that act on one project, and how it is resolved. */
public final class ProjectOption {
    @Option(names = {"-p", "--project"}, paramLabel = "PATH", defaultValue = ".",
            description = "the project (default: the one enclosing .)")
    private Path project;

    /** The one project the option names; empty after telling {@code err} why not (a usage error). */
    public Optional<Path> root(String command, PrintWriter err) {
        List<Path> roots = ProjectFinder.find(project);
        if (roots.size() == 1) {
            return Optional.of(roots.get(0));
        }
        err.println(roots.isEmpty() ? "fsc " + command + ": no fsc.yaml in or above " + project
                : "fsc " + command + ": " + project + " holds " + roots.size() + " projects; name one with --project");
        return Optional.empty();
    }
}
