package dev.fsc.flink.online;

import dev.fsc.common.online.OnlineKeys;
import dev.fsc.common.online.OnlineStore;
import dev.fsc.common.online.ServedViews;
import org.apache.flink.api.common.eventtime.Watermark;
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
 * ({@link #flush}), so a completed checkpoint implies the store holds every tile it covers. After each
 * write it records the watermark it has written every tile up to ({@link ServedViews#progress}): a watermark
 * reaches the sink after every row before it, so the tiles it covers are among those just written.
 */
final class OnlineSinkWriter implements SinkWriter<RowData> {
    private final OnlineSinkOptions options;
    private final TileRowEncoder encoder;
    private final OnlineStore store;
    private final ProcessingTimeService time;
    /** key -> field -> encoded state, or null for a retracted tile. */
    private final Map<String, Map<String, String>> pending = new LinkedHashMap<>();
    private int pendingRows;
    private final String progressKey;
    private final String progressField;
    private final String earliestField;
    private long watermark = Long.MIN_VALUE;
    private long recordedWatermark = Long.MIN_VALUE;
    /** The earliest tile start this writer has written, and the one last recorded. */
    private long earliestTile = Long.MAX_VALUE;
    private long recordedEarliestTile = Long.MAX_VALUE;

    OnlineSinkWriter(OnlineSinkOptions options, TileRowEncoder encoder, OnlineStore store, ProcessingTimeService time,
            int subtask, int parallelism) {
        this.options = options;
        this.encoder = encoder;
        this.store = store;
        this.time = time;
        this.progressKey = ServedViews.progressKey(options.view(), options.version());
        this.progressField = ServedViews.progressField(options.tileMillis(), subtask, parallelism);
        this.earliestField = ServedViews.earliestField(options.tileMillis(), subtask, parallelism);
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
            return; // the update-after that follows carries the new state
        }
        String state = row.getRowKind() == RowKind.DELETE ? null : encoder.state(row);
        String field = encoder.field(row);
        pending.computeIfAbsent(encoder.key(row), k -> new LinkedHashMap<>()).put(field, state);
        earliestTile = Math.min(earliestTile, OnlineKeys.tileStartOf(field));
        if (++pendingRows >= options.bufferRows()) {
            send();
        }
    }

    @Override
    public void writeWatermark(Watermark mark) {
        watermark = Math.max(watermark, mark.getTimestamp());
    }

    @Override
    public void flush(boolean endOfInput) {
        send();
    }

    private void send() {
        boolean progressed = watermark > recordedWatermark || earliestTile < recordedEarliestTile;
        if (pending.isEmpty() && !progressed) {
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
        pending.clear();
        pendingRows = 0;
        if (progressed) {
            store.flush(); // the tiles first: progress must never run ahead of what readers can see
            Map<String, String> progress = new LinkedHashMap<>();
            if (watermark > Long.MIN_VALUE) {
                progress.put(progressField, Long.toString(watermark));
            }
            if (earliestTile < Long.MAX_VALUE) {
                progress.put(earliestField, Long.toString(earliestTile));
            }
            store.upsert(progressKey, progress, 0);
            recordedWatermark = watermark;
            recordedEarliestTile = earliestTile;
        }
        store.flush();
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
