package dev.fsc.flink.runner;

import dev.fsc.flink.online.Durations;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.flink.util.jackson.JacksonMapperFactory;

/**
 * How long each tile table's aggregate keeps a tile's state, written into the job's compiled plan.
 *
 * <p>The generated SQL declares it per tile table, {@code SET 'fsc.tiles.state-ttl.<namespace.table>' = '<duration>'}.
 * A {@code STATE_TTL} hint on the aggregate cannot carry it (Flink 2.1's planner fails with "unexpected correlate
 * variable" when a temporal join is upstream), and {@code table.exec.state.ttl} would also expire the CDC versions and
 * the temporal joins, whose state must live as long as their rows are valid. So the runner compiles the statement
 * set, sets the {@code ttl} of every group aggregate's state to the TTL of the tile table(s) it feeds — found by
 * following the plan's edges down to its sinks — and runs that plan.
 */
final class TileStateTtls {
    static final String OPTION_PREFIX = "fsc.tiles.state-ttl.";
    /** Exec nodes (type name before the version) keeping the per-group state of a GROUP BY: one phase, or two with mini-batch. */
    private static final List<String> GROUP_AGGREGATES = List.of("stream-exec-group-aggregate_", "stream-exec-global-group-aggregate_");
    private static final String SINK = "stream-exec-sink_";

    private final Map<String, Duration> byTable = new TreeMap<>();

    /** Whether a {@code SET} key is a tile table's state TTL rather than a Flink option. */
    static boolean isTileStateTtl(String key) {
        return key.startsWith(OPTION_PREFIX);
    }

    /** Records {@code SET 'fsc.tiles.state-ttl.<namespace.table>' = '<duration>'}. */
    void set(String key, String value) {
        String table = key.substring(OPTION_PREFIX.length());
        Duration ttl = ttl(value);
        if (table.split("\\.").length != 2 || ttl.isZero()) {
            throw new IllegalArgumentException("SET '" + key + "' = '" + value
                    + "': expected '" + OPTION_PREFIX + "<namespace>.<table>' and a positive duration (e.g. 1d, 30d10m)");
        }
        byTable.put(table, ttl);
    }

    /** The TTL written as a compound duration ({@code 30d10m}); zero when it is not one. */
    private static Duration ttl(String value) {
        try {
            return Duration.ofMillis(Durations.millis(value));
        } catch (IllegalArgumentException e) {
            return Duration.ZERO;
        }
    }

    /**
     * The compiled plan with each group aggregate's state TTL set to the longest TTL among the tile tables downstream
     * of it (an aggregate feeding no such table is left as compiled: kept forever).
     *
     * @throws IllegalStateException when a declared tile table has no group aggregate upstream: its TTL would be lost
     */
    String applyTo(String planJson) {
        if (byTable.isEmpty()) {
            return planJson;
        }
        ObjectMapper mapper = JacksonMapperFactory.createObjectMapper();
        ObjectNode plan;
        try {
            plan = (ObjectNode) mapper.readTree(planJson);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the compiled plan: " + e.getMessage(), e);
        }
        Map<Long, JsonNode> nodes = new HashMap<>();
        plan.get("nodes").forEach(n -> nodes.put(n.get("id").asLong(), n));
        Map<Long, List<Long>> downstream = new HashMap<>();
        plan.get("edges").forEach(e -> downstream.computeIfAbsent(e.get("source").asLong(), k -> new ArrayList<>())
                .add(e.get("target").asLong()));

        Set<String> reached = new HashSet<>();
        for (JsonNode node : nodes.values()) {
            String type = node.get("type").asText();
            if (GROUP_AGGREGATES.stream().noneMatch(type::startsWith)) {
                continue;
            }
            Optional<Duration> ttl = Optional.empty();
            for (String table : sinkTables(node.get("id").asLong(), nodes, downstream)) {
                Duration t = byTable.get(table);
                if (t != null) {
                    reached.add(table);
                    ttl = ttl.filter(d -> d.compareTo(t) >= 0).or(() -> Optional.of(t));
                }
            }
            ttl.ifPresent(t -> node.get("state").forEach(s -> ((ObjectNode) s).put("ttl", t.toMillis() + " ms")));
        }
        Set<String> missed = new TreeSet<>(byTable.keySet());
        missed.removeAll(reached);
        if (!missed.isEmpty()) {
            throw new IllegalStateException("no group aggregate of the compiled plan writes " + missed
                    + ": their tile state TTL cannot be applied");
        }
        try {
            return mapper.writeValueAsString(plan);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the compiled plan: " + e.getMessage(), e);
        }
    }

    /** The tables ({@code namespace.table}) of the sinks reachable from a node. */
    private static Set<String> sinkTables(long from, Map<Long, JsonNode> nodes, Map<Long, List<Long>> downstream) {
        Set<String> tables = new HashSet<>();
        Set<Long> seen = new HashSet<>();
        Deque<Long> todo = new ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            long id = todo.pop();
            if (!seen.add(id)) {
                continue;
            }
            JsonNode node = nodes.get(id);
            if (node.get("type").asText().startsWith(SINK)) {
                String[] parts = node.at("/dynamicTableSink/table/identifier").asText().replace("`", "").split("\\.");
                if (parts.length >= 2) {
                    tables.add(parts[parts.length - 2] + "." + parts[parts.length - 1]);
                }
            }
            todo.addAll(downstream.getOrDefault(id, List.of()));
        }
        return tables;
    }
}
