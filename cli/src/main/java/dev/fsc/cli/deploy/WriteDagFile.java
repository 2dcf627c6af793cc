package dev.fsc.cli.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One Airflow DAG file into the environment's DAG folder, by an atomic rename: the scheduler, which
 * parses the folder at any moment, sees the old file or the new one, never half of one.
 */
record WriteDagFile(Path file, String content) implements DeployAction {
    @Override
    public String describe() {
        return (Files.exists(file) ? "update" : "write") + " DAG " + file;
    }

    @Override
    public boolean isApplied() throws IOException {
        return Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(content);
    }

    @Override
    public void apply() throws IOException {
        LocalStateStore.replace(file, content);
    }
}
