package dev.fsc.cli.deploy;

import java.io.IOException;

/** A DAG file an earlier deploy wrote whose schedule no longer exists. */
record RemoveDagFile(DagFolder folder, String name) implements DeployAction {
    @Override
    public String describe() {
        return "remove DAG " + folder.location(name);
    }

    @Override
    public boolean isApplied() throws IOException {
        return folder.read(name).isEmpty();
    }

    @Override
    public void apply() throws IOException {
        folder.delete(name);
    }
}
