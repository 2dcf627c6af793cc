package dev.fsc.compiler.diag;

import dev.fsc.compiler.source.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Reads the source lines a rendered diagnostic quotes; each file at most once. */
final class SourceLines {
    private final Map<Path, SourceFile> files = new HashMap<>();

    String line(Path file, int line) {
        return files.computeIfAbsent(file, SourceLines::read).line(line);
    }

    private static SourceFile read(Path file) {
        try {
            return new SourceFile(file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return new SourceFile(file, "");
        }
    }
}
