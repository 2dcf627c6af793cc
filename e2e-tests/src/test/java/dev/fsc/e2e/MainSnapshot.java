package dev.fsc.e2e;

import dev.fsc.cli.backfill.TableRefs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What main is in a local warehouse: each table's main snapshot id and the SHA-256 of every data and delete file
 * (Iceberg never rewrites a file, so equal ids and equal bytes of every file main had mean an unchanged main).
 */
record MainSnapshot(Map<String, Optional<Long>> mains, Map<Path, String> files) {
    static MainSnapshot of(Path warehouse) {
        Map<String, Optional<Long>> mains = new TreeMap<>();
        TableRefs.scan(warehouse).forEach((t, refs) -> mains.put(t, refs.main()));
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(warehouse)) {
            for (Path f : all.filter(p -> Files.isRegularFile(p) && p.getParent().getFileName().toString().startsWith("ds=")).toList()) {
                files.put(warehouse.relativize(f), sha256(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MainSnapshot(mains, files);
    }

    /** What differs from {@code before} in main, besides tables in {@code allowedToMove}; empty if nothing. */
    String differencesFrom(MainSnapshot before, java.util.Set<String> allowedToMove) {
        StringBuilder diff = new StringBuilder();
        before.mains.forEach((table, main) -> {
            if (!allowedToMove.contains(table) && !main.equals(mains.getOrDefault(table, Optional.empty()))) {
                diff.append("main of ").append(table).append(" moved: ").append(main).append(" -> ").append(mains.get(table)).append('\n');
            }
        });
        before.files.forEach((file, hash) -> {
            if (!hash.equals(files.get(file))) {
                diff.append("file ").append(file).append(files.containsKey(file) ? " changed" : " is gone").append('\n');
            }
        });
        return diff.toString();
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
