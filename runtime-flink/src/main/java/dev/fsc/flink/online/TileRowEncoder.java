package dev.fsc.flink.online;

import dev.fsc.common.online.LastValue;
import dev.fsc.common.online.OnlineKeys;
import dev.fsc.common.online.StateValues;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a tile row of the sink's table ({@code keys..., tile_start, state...} in any column order)
 * into the store's hash key, field and encoded state ({@link StateValues}).
 */
final class TileRowEncoder implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String view;
    private final String version;
    private final long tileMillis;
    private final RowType rowType;
    private final int[] keyPositions;
    private final int tileStartPosition;
    private final int[] statePositions;

    TileRowEncoder(String view, String version, long tileMillis, RowType rowType, List<String> keyColumns) {
        this.view = view;
        this.version = version;
        this.tileMillis = tileMillis;
        this.rowType = rowType;
        List<String> names = rowType.getFieldNames();
        this.tileStartPosition = names.indexOf("tile_start");
        if (tileStartPosition < 0) {
            throw new IllegalArgumentException("fsc-online table of view " + view + " has no tile_start column");
        }
        this.keyPositions = keyColumns.stream().mapToInt(names::indexOf).toArray();
        List<Integer> state = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (i != tileStartPosition && !keyColumns.contains(names.get(i))) {
                state.add(i);
            }
        }
        this.statePositions = state.stream().mapToInt(Integer::intValue).toArray();
    }

    String key(RowData row) {
        List<Object> keys = new ArrayList<>(keyPositions.length);
        for (int p : keyPositions) {
            keys.add(value(row, p, rowType.getTypeAt(p)));
        }
        return OnlineKeys.entity(view, version, keys);
    }

    String field(RowData row) {
        return OnlineKeys.field(tileMillis, ((Instant) value(row, tileStartPosition, rowType.getTypeAt(tileStartPosition))).toEpochMilli());
    }

    String state(RowData row) {
        List<Object> values = new ArrayList<>(statePositions.length);
        for (int p : statePositions) {
            values.add(value(row, p, rowType.getTypeAt(p)));
        }
        return StateValues.encode(values);
    }

    /** An internal Flink value as the Java value {@link StateValues} encodes. */
    static Object value(RowData row, int pos, LogicalType type) {
        if (row.isNullAt(pos)) {
            return null;
        }
        LogicalTypeRoot root = type.getTypeRoot();
        return switch (root) {
            case TINYINT -> (long) row.getByte(pos);
            case SMALLINT -> (long) row.getShort(pos);
            case INTEGER -> (long) row.getInt(pos);
            case BIGINT -> row.getLong(pos);
            case FLOAT -> (double) row.getFloat(pos);
            case DOUBLE -> row.getDouble(pos);
            case BOOLEAN -> row.getBoolean(pos);
            case CHAR, VARCHAR -> {
                StringData s = row.getString(pos);
                yield s.toString();
            }
            case DECIMAL -> {
                org.apache.flink.table.types.logical.DecimalType d = (org.apache.flink.table.types.logical.DecimalType) type;
                DecimalData v = row.getDecimal(pos, d.getPrecision(), d.getScale());
                yield v.toBigDecimal();
            }
            case DATE -> LocalDate.ofEpochDay(row.getInt(pos));
            case TIMESTAMP_WITHOUT_TIME_ZONE, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> {
                TimestampData t = row.getTimestamp(pos, precision(type));
                yield Instant.ofEpochMilli(t.getMillisecond());
            }
            case BINARY, VARBINARY -> row.getBinary(pos);
            case ROW -> {
                RowType last = (RowType) type;
                RowData nested = row.getRow(pos, last.getFieldCount());
                Object time = value(nested, 0, last.getTypeAt(0));
                Object v = value(nested, 1, last.getTypeAt(1));
                yield time == null || v == null ? null : new LastValue((Instant) time, v);
            }
            default -> throw new IllegalArgumentException("fsc-online: unsupported column type " + type);
        };
    }

    private static int precision(LogicalType type) {
        return type instanceof org.apache.flink.table.types.logical.TimestampType t ? t.getPrecision()
                : ((org.apache.flink.table.types.logical.LocalZonedTimestampType) type).getPrecision();
    }
}
