package dev.fsc.cli.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a text file whole or not at all: into a temporary sibling, then moved over the target. */
final class LineFile implements AutoCloseable {
    private final Path target;
    private final Path temporary;
    private final BufferedWriter writer;
    private boolean done;

    LineFile(Path target) {
        this.target = target;
        try {
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            this.temporary = Files.createTempFile(parent, "." + target.getFileName(), ".tmp");
            this.writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void line(CharSequence text) {
        try {
            writer.append(text).append('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes the file visible under its name. */
    void commit() {
        try {
            writer.close();
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path target, String text) {
        try (LineFile file = new LineFile(target)) {
            try {
                file.writer.write(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            file.commit();
        }
    }

    @Override
    public void close() {
        if (!done) {
            try {
                writer.close();
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // nothing more to clean up
            }
        }
    }
}
