package dev.fsc.cli.deploy;

import dev.fsc.common.json.Json;
import dev.fsc.compiler.codegen.connect.ConnectCodegen;
import dev.fsc.compiler.codegen.connect.ConnectorName;
import dev.fsc.compiler.spec.ProjectSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Debezium connector actions of a deploy, from what the environment's Kafka Connect cluster ({@code connect: {url}})
 * has against the compiled {@code connect/<source>.json} files: each is created or updated, and connectors of this
 * project ({@code fsc-<project>-<source>}) no longer compiled are deleted. Other connectors are left alone.
 */
final class ConnectorPlanner {
    private ConnectorPlanner() {
    }

    /** The Connect cluster of an environment, if fsc.yaml names one. */
    static Optional<KafkaConnectRest> cluster(ProjectSpec project, String environment) {
        return project.environment(environment).map(e -> e.services().get("connect")).map(c -> c.get("url")).map(KafkaConnectRest::new);
    }

    static List<DeployAction> actions(ProjectSpec project, String environment, Map<String, String> files) throws IOException {
        Optional<KafkaConnectRest> cluster = cluster(project, environment);
        if (cluster.isEmpty()) {
            return List.of();
        }
        KafkaConnectRest connect = cluster.get();
        List<DeployAction> actions = new ArrayList<>();
        List<String> wanted = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            if (file.getKey().startsWith(ConnectCodegen.FOLDER)) {
                Map<String, Object> connector = Json.parseObject(file.getValue());
                String name = (String) connector.get("name");
                Map<String, String> config = new LinkedHashMap<>();
                ((Map<?, ?>) connector.get("config")).forEach((key, value) -> config.put((String) key, (String) value));
                wanted.add(name);
                actions.add(new RegisterConnector(connect, name, config, connect.config(name)));
            }
        }
        String projectName = project.project().value();
        connect.connectors().stream().filter(c -> ConnectorName.belongsTo(c, projectName) && !wanted.contains(c)).sorted()
                .forEach(c -> actions.add(new RemoveConnector(connect, c)));
        return DeployAction.notApplied(actions);
    }
}
