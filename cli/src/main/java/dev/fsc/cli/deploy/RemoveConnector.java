package dev.fsc.cli.deploy;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Deletes a connector of this project whose cdc source is no longer compiled. Before the delete it asks Debezium
 * to drop its replication slot when it stops ({@code slot.drop.on.stop}): a slot nobody reads makes PostgreSQL
 * keep its WAL forever. Done once the cluster has no connector of that name.
 */
record RemoveConnector(KafkaConnectRest connect, String name) implements DeployAction {
    private static final Duration TASK_RESTART_LIMIT = Duration.ofMinutes(2);

    @Override
    public String describe() {
        return "delete Debezium connector " + name + " from " + connect.url() + " and its replication slot (its source is no longer compiled)";
    }

    @Override
    public boolean isApplied() throws IOException {
        return connect.config(name).isEmpty();
    }

    @Override
    public void apply() throws IOException {
        Map<String, String> config = connect.config(name).orElse(null);
        if (config == null) {
            return;
        }
        if (!"true".equals(config.get("slot.drop.on.stop"))) {
            Map<String, String> dropping = new LinkedHashMap<>(config);
            dropping.put("slot.drop.on.stop", "true");
            connect.putConfig(name, dropping);
            // only a task started with the setting drops the slot when the delete stops it
            connect.awaitRunning(name, Map.of("slot.drop.on.stop", "true"), TASK_RESTART_LIMIT);
        }
        connect.delete(name);
    }
}
