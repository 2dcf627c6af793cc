package dev.fsc.e2e;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;

/**
 * A real Kafka Connect worker (distributed mode, in-process, REST on a free port) with the Debezium Postgres
 * connector on its classpath, as a production Connect cluster runs it: its configs, offsets and statuses in Kafka
 * topics, and the {@code file} config provider, through which connector configs name their passwords.
 */
final class ConnectWorker implements AutoCloseable {
    private final Connect<?> connect;

    private ConnectWorker(Connect<?> connect) {
        this.connect = connect;
    }

    static ConnectWorker start(String bootstrapServers) {
        Map<String, String> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrapServers);
        config.put("group.id", "fsc-it-connect");
        config.put("listeners", "http://127.0.0.1:0");
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("config.storage.topic", "connect-configs");
        config.put("offset.storage.topic", "connect-offsets");
        config.put("status.storage.topic", "connect-status");
        // one broker: the internal topics have one replica (and one partition: nothing to spread)
        config.put("config.storage.replication.factor", "1");
        config.put("offset.storage.replication.factor", "1");
        config.put("offset.storage.partitions", "1");
        config.put("status.storage.replication.factor", "1");
        config.put("status.storage.partitions", "1");
        config.put("offset.flush.interval.ms", "1000");
        config.put("config.providers", "file");
        config.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        // plugins are found through their service manifests (Kafka's and Debezium's jars have them): no classpath scan
        config.put("plugin.discovery", "service_load");
        return new ConnectWorker(new ConnectDistributed().startConnect(config));
    }

    URI restUrl() {
        return connect.rest().advertisedUrl();
    }

    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }
}
