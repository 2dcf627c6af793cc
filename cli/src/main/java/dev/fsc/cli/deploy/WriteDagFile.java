package dev.fsc.cli.deploy;

import java.io.IOException;
import java.util.Optional;

/**
 * One Airflow DAG file into the environment's DAG folder, written whole: the scheduler, which parses the
 * folder at any moment, sees the old file or the new one, never half of one.
 */
record WriteDagFile(DagFolder folder, String name, String content) implements DeployAction {
    @Override
    public String describe() {
        boolean exists;
        try {
            exists = folder.read(name).isPresent();
        } catch (IOException e) {
            exists = false;
        }
        return (exists ? "update" : "write") + " DAG " + folder.location(name);
    }

    @Override
    public boolean isApplied() throws IOException {
        return folder.read(name).equals(Optional.of(content));
    }

    @Override
    public void apply() throws IOException {
        folder.write(name, content);
    }
}
