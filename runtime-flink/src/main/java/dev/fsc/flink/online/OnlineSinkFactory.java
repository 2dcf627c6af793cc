package dev.fsc.flink.online;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.UniqueConstraint;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.logical.RowType;

import java.util.List;
import java.util.Set;

/** {@code 'connector' = 'fsc-online'}: see Contract §4 in the module README. */
public final class OnlineSinkFactory implements DynamicTableSinkFactory {
    static final ConfigOption<String> STORE = ConfigOptions.key("store").stringType().noDefaultValue();
    static final ConfigOption<String> VIEW = ConfigOptions.key("view").stringType().noDefaultValue();
    static final ConfigOption<String> VERSION = ConfigOptions.key("version").stringType().noDefaultValue();
    static final ConfigOption<String> TILE = ConfigOptions.key("tile").stringType().noDefaultValue();
    static final ConfigOption<String> TTL = ConfigOptions.key("ttl").stringType().defaultValue("0");
    static final ConfigOption<String> FLUSH = ConfigOptions.key("flush-interval").stringType().defaultValue("200ms");
    static final ConfigOption<Integer> BUFFER = ConfigOptions.key("buffer-rows").intType().defaultValue(5000);

    @Override
    public String factoryIdentifier() {
        return "fsc-online";
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(STORE, VIEW, VERSION, TILE);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(TTL, FLUSH, BUFFER);
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        helper.validate();
        ReadableConfig o = helper.getOptions();
        ResolvedSchema schema = context.getCatalogTable().getResolvedSchema();
        List<String> primaryKey = schema.getPrimaryKey().map(UniqueConstraint::getColumns)
                .orElseThrow(() -> new IllegalArgumentException("fsc-online table " + context.getObjectIdentifier()
                        + " needs PRIMARY KEY (<keys>, tile_start) NOT ENFORCED"));
        if (!primaryKey.contains("tile_start")) {
            throw new IllegalArgumentException("fsc-online table " + context.getObjectIdentifier()
                    + ": the primary key must include tile_start");
        }
        List<String> keys = primaryKey.stream().filter(c -> !c.equals("tile_start")).toList();
        OnlineSinkOptions options = new OnlineSinkOptions(o.get(STORE), o.get(VIEW), o.get(VERSION),
                Durations.millis(o.get(TILE)), Durations.millis(o.get(TTL)), Durations.millis(o.get(FLUSH)),
                o.get(BUFFER), keys);
        RowType rowType = (RowType) schema.toPhysicalRowDataType().getLogicalType();
        return new OnlineTableSink(options, new TileRowEncoder(options.view(), options.version(),
                options.tileMillis(), rowType, keys));
    }
}
