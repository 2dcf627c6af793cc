package dev.fsc.flink.online;

import dev.fsc.common.online.OnlineStore;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.table.data.RowData;
import org.apache.flink.types.RowKind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Buffers the latest state of each (entity, tile) and writes them to the store every
 * {@code flushMillis}, when {@code bufferRows} tiles are pending, and before every checkpoint
 * ({@link #flush}), so a completed checkpoint implies the store holds every tile it covers.
 */
final class OnlineSinkWriter implements SinkWriter<RowData> {
    private final OnlineSinkOptions options;
    private final TileRowEncoder encoder;
    private final OnlineStore store;
    private final ProcessingTimeService time;
    /** key -> field -> encoded state, or null for a retracted tile. */
    private final Map<String, Map<String, String>> pending = new LinkedHashMap<>();
    private int pendingRows;

    OnlineSinkWriter(OnlineSinkOptions options, TileRowEncoder encoder, OnlineStore store, ProcessingTimeService time) {
        this.options = options;
        this.encoder = encoder;
        this.store = store;
        this.time = time;
        scheduleFlush();
    }

    private void scheduleFlush() {
        time.registerTimer(time.getCurrentProcessingTime() + options.flushMillis(), t -> {
            send();
            scheduleFlush();
        });
    }

    @Override
    public void write(RowData row, Context context) {
        if (row.getRowKind() == RowKind.UPDATE_BEFORE) {
            return; // an upsert sink only needs the new state
        }
        String state = row.getRowKind() == RowKind.DELETE ? null : encoder.state(row);
        pending.computeIfAbsent(encoder.key(row), k -> new LinkedHashMap<>()).put(encoder.field(row), state);
        if (++pendingRows >= options.bufferRows()) {
            send();
        }
    }

    @Override
    public void flush(boolean endOfInput) {
        send();
    }

    private void send() {
        if (pending.isEmpty()) {
            return;
        }
        for (Map.Entry<String, Map<String, String>> e : pending.entrySet()) {
            Map<String, String> upserts = new LinkedHashMap<>();
            e.getValue().forEach((field, state) -> {
                if (state != null) {
                    upserts.put(field, state);
                }
            });
            List<String> deletes = e.getValue().entrySet().stream().filter(f -> f.getValue() == null).map(Map.Entry::getKey).toList();
            if (!upserts.isEmpty()) {
                store.upsert(e.getKey(), upserts, options.ttlMillis());
            }
            if (!deletes.isEmpty()) {
                store.delete(e.getKey(), deletes);
            }
        }
        store.flush();
        pending.clear();
        pendingRows = 0;
    }

    @Override
    public void close() {
        try {
            send();
        } finally {
            store.close();
        }
    }
}
