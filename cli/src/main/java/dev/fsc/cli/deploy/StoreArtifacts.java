package dev.fsc.cli.deploy;

import java.io.IOException;
import java.util.Map;

/**
 * Every generated file of the plan into the environment's content-addressed artifact store: what the
 * state document points at, so going back to an earlier deploy is a state change, not a rebuild.
 */
record StoreArtifacts(StateStore store, Map<String, String> files) implements DeployAction {
    @Override
    public String describe() {
        return "store " + files.size() + " generated files by content hash in " + store.location() + "/artifacts";
    }

    @Override
    public boolean isApplied() throws IOException {
        for (String content : files.values()) {
            if (store.artifact(LocalStateStore.sha256(content)).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void apply() throws IOException {
        for (String content : files.values()) {
            store.storeArtifact(content);
        }
    }
}
