package dev.fsc.flink.online;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.table.data.RowData;

/** The Flink sink behind {@code fsc-online}: one {@link OnlineSinkWriter} per subtask. */
final class OnlineSink implements Sink<RowData> {
    private static final long serialVersionUID = 1L;

    private final OnlineSinkOptions options;
    private final TileRowEncoder encoder;

    OnlineSink(OnlineSinkOptions options, TileRowEncoder encoder) {
        this.options = options;
        this.encoder = encoder;
    }

    @Override
    public SinkWriter<RowData> createWriter(WriterInitContext context) {
        int subtask = context.getTaskInfo().getIndexOfThisSubtask();
        String writer = options.view() + "-" + options.tileMillis() + "-" + subtask;
        return new OnlineSinkWriter(options, encoder, OnlineStores.open(options.store(), writer),
                context.getProcessingTimeService(), subtask, context.getTaskInfo().getNumberOfParallelSubtasks());
    }
}
