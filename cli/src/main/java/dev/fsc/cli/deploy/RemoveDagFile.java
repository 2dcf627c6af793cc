package dev.fsc.cli.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A DAG file an earlier deploy wrote whose schedule no longer exists. */
record RemoveDagFile(Path file) implements DeployAction {
    @Override
    public String describe() {
        return "remove DAG " + file;
    }

    @Override
    public boolean isApplied() {
        return !Files.exists(file);
    }

    @Override
    public void apply() throws IOException {
        Files.deleteIfExists(file);
    }
}
