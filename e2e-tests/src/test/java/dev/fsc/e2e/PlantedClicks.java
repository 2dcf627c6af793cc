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
                lines.add(click("planted-" + lines.size(), pair.get(0), pair.get(1), null, ts).replace("\"pdp\"", "\"cart\""));
            }
        }
        Files.write(project.resolve("data/clicks.jsonl"), lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return lines.size();
    }

    /**
     * Plants clicks on the edges of windows and horizons of every {@code every}-th impression that has a
     * day of data on both sides: exactly at t (counts), exactly at floor_1m(t − 24h) (the 24h window's
     * trailing edge, 1-minute tiles: counts) and 1 ms before it (does not), exactly at t + 1h carrying the
     * impression's id (clicked_1h: counts) and exactly at t + 24h (revisits_24h: counts).
     *
     * @return how many clicks were planted
     */
    static int plantBoundaries(Path project, Instant from, Instant until, int every) throws IOException {
        List<Map<String, Object>> impressions = read(project.resolve("data/impressions.jsonl"));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < impressions.size(); i += every) {
            Map<String, Object> row = impressions.get(i);
            Instant t = Instant.parse(row.get("ts").toString());
            if (t.minusSeconds(86_400 + 60).isBefore(from) || !t.plusSeconds(86_400).isBefore(until)) {
                continue;
            }
            Instant trailingEdge = t.minusSeconds(86_400).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
            Object user = row.get("user_id");
            Object item = row.get("item_id");
            lines.add(click("edge-" + i + "-at-t", user, item, null, t));
            lines.add(click("edge-" + i + "-window-start", user, item, null, trailingEdge));
            lines.add(click("edge-" + i + "-before-window", user, item, null, trailingEdge.minusMillis(1)));
            lines.add(click("edge-" + i + "-at-1h", user, item, row.get("impression_id"), t.plusSeconds(3_600)));
            lines.add(click("edge-" + i + "-at-24h", user, item, null, t.plusSeconds(86_400)));
        }
        Files.write(project.resolve("data/clicks.jsonl"), lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return lines.size();
    }

    private static String click(String eventId, Object user, Object item, Object impression, Instant ts) {
        Map<String, Object> click = new LinkedHashMap<>();
        click.put("event_id", eventId);
        click.put("user_id", user);
        click.put("item_id", item);
        click.put("impression_id", impression);
        click.put("session_id", "planted");
        click.put("page", "pdp");
        click.put("slot", 0L);
        click.put("device", "web");
        click.put("ts", ts.toString());
        click.put("_arrival_time", ts.toString());
        return jsonLine(click);
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
