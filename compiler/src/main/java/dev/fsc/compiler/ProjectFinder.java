package dev.fsc.compiler;

import dev.fsc.compiler.spec.ProjectLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the projects a path names: the folder holding fsc.yaml, every project below a folder, or the
 * project enclosing a file or subfolder.
 */
public final class ProjectFinder {
    private ProjectFinder() {
    }

    public static List<Path> find(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            if (Files.exists(absolute.resolve(ProjectLoader.PROJECT_FILE))) {
                return List.of(absolute);
            }
            List<Path> below = below(absolute);
            if (!below.isEmpty()) {
                return below;
            }
        }
        return enclosing(absolute).map(List::of).orElse(List.of());
    }

    private static List<Path> below(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> p.getFileName().toString().equals(ProjectLoader.PROJECT_FILE))
                    .filter(p -> Files.isRegularFile(p))
                    .filter(p -> !folder.relativize(p).toString().contains("/."))
                    .map(Path::getParent).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> enclosing(Path path) {
        for (Path folder = Files.isDirectory(path) ? path : path.getParent(); folder != null; folder = folder.getParent()) {
            if (Files.exists(folder.resolve(ProjectLoader.PROJECT_FILE))) {
                return Optional.of(folder);
            }
        }
        return Optional.empty();
    }
}
