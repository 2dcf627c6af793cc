package dev.fsc.e2e;

import dev.fsc.common.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plants clicks in the future of every ranking spine row: for each (user, item) shown, three clicks just
 * after the last impression of that user and of that item (1 ms later), on time and not duplicates. Any
 * feature that let an event after the row's time through would count them; none may.
 */
final class PlantedClicks {
    private PlantedClicks() {
    }

    /** Appends the planted clicks to the project's clicks file; returns how many were planted. */
    static int plant(Path project, Instant before) throws IOException {
        List<Map<String, Object>> impressions = read(project.resolve("data/impressions.jsonl"));
        Map<Object, Instant> lastOfUser = new HashMap<>();
        Map<Object, Instant> lastOfItem = new HashMap<>();
        Set<List<Object>> pairs = new LinkedHashSet<>();
        for (Map<String, Object> row : impressions) {
            Instant ts = Instant.parse(row.get("ts").toString());
            lastOfUser.merge(row.get("user_id"), ts, (a, b) -> a.isAfter(b) ? a : b);
            lastOfItem.merge(row.get("item_id"), ts, (a, b) -> a.isAfter(b) ? a : b);
            pairs.add(List.of(row.get("user_id"), row.get("item_id")));
        }
        List<String> lines = new ArrayList<>();
        for (List<Object> pair : pairs) {
            Instant last = lastOfUser.get(pair.get(0)).isAfter(lastOfItem.get(pair.get(1)))
                    ? lastOfUser.get(pair.get(0)) : lastOfItem.get(pair.get(1));
            for (int copy = 1; copy <= 3; copy++) {
                Instant ts = last.plusMillis(copy);
                if (!ts.isBefore(before)) {
                    continue;
                }
                Map<String, Object> click = new LinkedHashMap<>();
                click.put("event_id", "planted-" + lines.size());
                click.put("user_id", pair.get(0));
                click.put("item_id", pair.get(1));
                click.put("impression_id", null);
                click.put("session_id", "planted");
                click.put("page", "cart");
                click.put("slot", 0L);
                click.put("device", "ios");
                click.put("ts", ts.toString());
                click.put("_arrival_time", ts.toString());
                lines.add(jsonLine(click));
            }
        }
        Files.write(project.resolve("data/clicks.jsonl"), lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return lines.size();
    }

    /** One JSON object on one line (the input format is JSON lines). */
    private static String jsonLine(Map<String, Object> record) {
        StringBuilder out = new StringBuilder("{");
        record.forEach((name, value) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(Json.quote(name)).append(':')
                    .append(value == null ? "null" : value instanceof String text ? Json.quote(text) : value.toString());
        });
        return out.append('}').toString();
    }

    private static List<Map<String, Object>> read(Path file) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                rows.add(Json.parseObject(line));
            }
        }
        return rows;
    }
}
