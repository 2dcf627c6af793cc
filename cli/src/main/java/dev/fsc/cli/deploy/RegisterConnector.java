package dev.fsc.cli.deploy;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Creates a cdc source's Debezium connector or updates its config ({@code PUT /connectors/{name}/config}, which does
 * either), and waits until it runs with it: a connector that cannot start (say the database is not {@code
 * wal_level=logical}) fails the deploy with its error. Done once the cluster stores exactly this config; a changed
 * config restarts the connector, which resumes from its committed offsets.
 *
 * @param live the config the cluster had when the deploy was planned (only for the description)
 */
record RegisterConnector(KafkaConnectRest connect, String name, Map<String, String> config, Optional<Map<String, String>> live)
        implements DeployAction {
    private static final Duration START_LIMIT = Duration.ofMinutes(2);

    @Override
    public String describe() {
        return live.map(old -> "update Debezium connector " + name + " on " + connect.url() + " (changed: "
                + String.join(", ", changedKeys(old)) + ")").orElse("create Debezium connector " + name + " on " + connect.url());
    }

    @Override
    public boolean isApplied() throws IOException {
        return connect.config(name).filter(current -> changedKeys(current).isEmpty()).isPresent();
    }

    @Override
    public void apply() throws IOException {
        connect.putConfig(name, config);
        // Done once its tasks run this config: changes made from then on go where it says. Task configs hold
        // config provider references resolved, so those settings are not compared.
        Map<String, String> visibleInTasks = new LinkedHashMap<>(config);
        visibleInTasks.values().removeIf(value -> value.contains("${"));
        connect.awaitRunning(name, visibleInTasks, START_LIMIT);
    }

    /** Keys whose value differs (the cluster adds {@code name} to every config, so that one is not compared). */
    private TreeSet<String> changedKeys(Map<String, String> current) {
        Map<String, String> stored = new LinkedHashMap<>(current);
        stored.remove("name");
        TreeSet<String> changed = new TreeSet<>(stored.keySet());
        changed.addAll(config.keySet());
        changed.removeIf(key -> java.util.Objects.equals(stored.get(key), config.get(key)));
        return changed;
    }
}
