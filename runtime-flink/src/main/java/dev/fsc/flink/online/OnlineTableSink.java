package dev.fsc.flink.online;

import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;

/** The {@code fsc-online} table: an upsert sink keyed by (keys, tile_start). */
final class OnlineTableSink implements DynamicTableSink {
    private final OnlineSinkOptions options;
    private final TileRowEncoder encoder;

    OnlineTableSink(OnlineSinkOptions options, TileRowEncoder encoder) {
        this.options = options;
        this.encoder = encoder;
    }

    @Override
    public ChangelogMode getChangelogMode(ChangelogMode requested) {
        return ChangelogMode.upsert();
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
