package dev.fsc.flink.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Tells a job's state really lived in RocksDB: only its incremental checkpoints keep files under {@code shared/}. */
public final class RocksDbCheckpoints {
    private RocksDbCheckpoints() {
    }

    /** Whether any checkpoint below {@code folder} holds a file in a {@code shared/} folder (the heap backend's never do). */
    public static boolean foundUnder(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.anyMatch(f -> f.getParent() != null && f.getParent().getFileName().toString().equals("shared"));
        }
    }
}
