package dev.fsc.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Replaces a folder's whole content at once: files are written to a sibling staging folder, which is
 * then renamed over the target. A failure leaves the old folder as it was, never half new and half old.
 */
final class AtomicFolderWriter {
    private final Path target;

    AtomicFolderWriter(Path target) {
        this.target = target.toAbsolutePath().normalize();
    }

    void write(Map<Path, String> files) throws IOException {
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".staging-");
        try {
            for (Map.Entry<Path, String> file : new TreeMap<>(files).entrySet()) {
                Path path = staging.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            }
            Path old = parent.resolve("." + target.getFileName() + ".old");
            deleteTree(old);
            if (Files.exists(target)) {
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (Files.exists(old)) {
                    Files.move(old, target, StandardCopyOption.ATOMIC_MOVE); // put the previous output back
                }
                throw e instanceof AtomicMoveNotSupportedException ? new IOException("cannot replace " + target
                        + " atomically on this file system", e) : e;
            }
            deleteTree(old);
        } finally {
            deleteTree(staging);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
