package dev.fsc.flink.online;

import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;

/**
 * The {@code fsc-online} table: a sink keyed by (keys, tile_start) that keeps each tile's latest state. It accepts
 * every change kind, update-befores too (the writer skips them): a tile view's other sink, its Iceberg tile table,
 * takes retractions, and a sink that asked for upserts only would make the planner compute the same GROUP BY twice,
 * once per changelog mode.
 */
final class OnlineTableSink implements DynamicTableSink {
    private final OnlineSinkOptions options;
    private final TileRowEncoder encoder;

    OnlineTableSink(OnlineSinkOptions options, TileRowEncoder encoder) {
        this.options = options;
        this.encoder = encoder;
    }

    @Override
    public ChangelogMode getChangelogMode(ChangelogMode requested) {
        return ChangelogMode.all();
    }

    @Override
    public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
        return SinkV2Provider.of(new OnlineSink(options, encoder));
    }

    @Override
    public DynamicTableSink copy() {
        return new OnlineTableSink(options, encoder);
    }

    @Override
    public String asSummaryString() {
        return "fsc-online(" + options.view() + ")";
    }
}
