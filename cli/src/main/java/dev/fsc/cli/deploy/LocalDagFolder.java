package dev.fsc.cli.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A DAG folder on disk; files are replaced by atomic renames ({@link LocalStateStore#replace}). */
record LocalDagFolder(Path dir) implements DagFolder {
    @Override
    public Optional<String> read(String name) throws IOException {
        Path file = dir.resolve(name);
        return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
    }

    @Override
    public void write(String name, String content) throws IOException {
        LocalStateStore.replace(dir.resolve(name), content);
    }

    @Override
    public void delete(String name) throws IOException {
        Files.deleteIfExists(dir.resolve(name));
    }

    @Override
    public String location(String name) {
        return dir.resolve(name).toString();
    }

    @Override
    public Optional<Path> localPath() {
        return Optional.of(dir);
    }
}
