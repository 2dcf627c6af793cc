package dev.fsc.common.online;

import dev.fsc.common.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A read-only {@link OnlineStore} holding a view's offline tile tables, as {@code fsc dataset export
 * --format jsonl} wrote them ({@code <dir>/<tile table>.jsonl}, one row per tile). It lets the read path
 * ({@link FeatureReader}) serve features from the batch path's tiles, so parity checks compare the
 * features of both paths through one merge. Timestamps without a zone are UTC (Spark's export).
 */
public final class ExportedTiles implements OnlineStore {
    private final Map<String, Map<String, String>> hashes = new HashMap<>();

    /** Loads every tile table of {@code view} found in {@code dir}; a missing file is a table without rows. */
    public ExportedTiles(ViewDescriptor view, Path dir) {
        for (ViewDescriptor.TileLayout layout : view.tiles()) {
            Path file = dir.resolve(layout.table() + ".jsonl");
            if (!Files.exists(file)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        add(view, layout, Json.parseObject(line));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void add(ViewDescriptor view, ViewDescriptor.TileLayout layout, Map<String, Object> row) {
        List<Object> keys = new ArrayList<>();
        view.keys().forEach(k -> keys.add(row.get(k.name())));
        List<Object> state = new ArrayList<>();
        layout.columns().forEach(c -> state.add(value(row.get(c.name()), c.type())));
        long tileStart = instant(row.get("tile_start")).toEpochMilli();
        hashes.computeIfAbsent(OnlineKeys.entity(view.view(), view.version(), keys), k -> new HashMap<>())
                .put(OnlineKeys.field(layout.tileMillis(), tileStart), StateValues.encode(state));
    }

    private static Object value(Object json, StateType type) {
        if (json == null) {
            return null;
        }
        return switch (type.base()) {
            case INTEGER, FLOATING, DECIMAL, STRING, BOOLEAN -> StateValues.fromJsonScalar(json, type);
            case TIMESTAMP -> instant(json);
            case DATE -> LocalDate.parse(json.toString());
            case SKETCH -> Base64.getDecoder().decode(json.toString());
            case LAST -> {
                Map<?, ?> last = (Map<?, ?>) json;
                yield last.get("event_time") == null ? null
                        : new LastValue(instant(last.get("event_time")), value(last.get("value"), type.element()));
            }
        };
    }

    private static Instant instant(Object json) {
        String s = json.toString();
        if (s.endsWith("Z")) {
            return Instant.parse(s);
        }
        if (s.length() > 19 && (s.lastIndexOf('+') > 10 || s.lastIndexOf('-') > 10)) {
            return OffsetDateTime.parse(s).toInstant();
        }
        return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
    }

    /** Every entity's hash: key to tile fields and their encoded states. */
    public Map<String, Map<String, String>> hashes() {
        return java.util.Collections.unmodifiableMap(hashes);
    }

    @Override
    public Map<String, String> read(String key) {
        return hashes.getOrDefault(key, Map.of());
    }

    @Override
    public void upsert(String key, Map<String, String> fields, long ttlMillis) {
        throw new UnsupportedOperationException("exported tiles are read-only");
    }

    @Override
    public void delete(String key, Collection<String> fields) {
        throw new UnsupportedOperationException("exported tiles are read-only");
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
