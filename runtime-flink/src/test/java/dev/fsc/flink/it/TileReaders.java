package dev.fsc.flink.it;

import dev.fsc.common.online.LastValue;
import dev.fsc.common.online.OnlineKeys;
import dev.fsc.common.online.StateType;
import dev.fsc.common.online.StateValues;
import dev.fsc.flink.functions.HllSketches;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.hadoop.HadoopCatalog;
import org.apache.iceberg.io.CloseableIterable;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the test job's tiles back, from the Iceberg tile table and from Redis, into oracle form. */
final class TileReaders {
    private static final List<StateType> TYPES = List.of(StateType.parse("BIGINT"), StateType.parse("TIMESTAMP"),
            StateType.parse("BIGINT"), StateType.parse("BIGINT"), StateType.parse("SKETCH"), StateType.parse("LAST<STRING>"));
    private static final HllSketches SKETCHES = new HllSketches();

    private TileReaders() {
    }

    static Map<String, ClickEvents.Tile> iceberg(Path warehouse) throws Exception {
        Map<String, ClickEvents.Tile> out = new TreeMap<>();
        HadoopCatalog catalog = new HadoopCatalog(new org.apache.hadoop.conf.Configuration(), warehouse.toString());
        Table table = catalog.loadTable(TableIdentifier.of("gold", "clicks__tiles_1m"));
        try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
            for (Record r : rows) {
                ByteBuffer sketch = (ByteBuffer) r.getField("items__sketch");
                byte[] bytes = new byte[sketch.remaining()];
                sketch.duplicate().get(bytes);
                Record last = (Record) r.getField("last_item__last");
                out.put(ClickEvents.key((Long) r.getField("user_id"), millis(r.getField("tile_start"))),
                        new ClickEvents.Tile((Long) r.getField("events"), millis(r.getField("latest_event")),
                                (Long) r.getField("clicks__count"), (Long) r.getField("amount__sum"),
                                SKETCHES.estimate(List.of(bytes)), millis(last.getField("event_time")), (String) last.getField("value")));
            }
        }
        return out;
    }

    private static long millis(Object t) {
        return t instanceof LocalDateTime l ? l.toInstant(ZoneOffset.UTC).toEpochMilli() : ((java.time.OffsetDateTime) t).toInstant().toEpochMilli();
    }

    static Map<String, ClickEvents.Tile> redis(RedisClient redis) {
        Map<String, ClickEvents.Tile> out = new TreeMap<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.scan(cursor, new ScanParams().match("fsc:clicks:v1:*").count(1000));
            for (String key : page.getResult()) {
                String user = key.substring("fsc:clicks:v1:".length());
                for (Map.Entry<String, String> f : redis.hgetAll(key).entrySet()) {
                    List<Object> s = StateValues.decode(f.getValue(), TYPES);
                    LastValue last = (LastValue) s.get(5);
                    out.put(user + "|" + OnlineKeys.tileStartOf(f.getKey()), new ClickEvents.Tile((Long) s.get(0),
                            ((Instant) s.get(1)).toEpochMilli(), (Long) s.get(2), (Long) s.get(3),
                            SKETCHES.estimate(List.of((byte[]) s.get(4))), last.eventTime().toEpochMilli(), (String) last.value()));
                }
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return out;
    }
}
