package dev.fsc.cli.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.compiler.model.Column;
import dev.fsc.compiler.model.Source;
import dev.fsc.compiler.spec.Located;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** CDC files of both examples: well-formed Debezium envelopes telling a consistent story per row. */
class CdcFilesTest {
    @ParameterizedTest
    @ValueSource(strings = {"marketplace", "dispatch"})
    void everyLineIsADebeziumEnvelopeWithIncreasingLsn(String example) {
        GeneratedExamples generated = GeneratedExamples.of(example);
        for (Source source : generated.sources(true)) {
            Map<String, ColumnRule> rules = ColumnRule.of(source, GeneratedExamples.EVENTS_PER_DAY);
            List<String> columns = source.columns().stream().map(Column::name).toList();
            String table = source.spec().connection().orElseThrow().table().orElseThrow().value();
            long lsn = Long.MIN_VALUE;
            long arrival = Long.MIN_VALUE;
            int n = 0;
            boolean snapshotPhase = true;
            for (JsonNode event : generated.lines(source.name())) {
                String where = source.name() + " line " + ++n;
                ValueAssertions.sameFields(where, List.of("before", "after", "source", "op", "ts_ms", "transaction"), event);
                String op = event.get("op").asString();
                assertTrue(Set.of("r", "c", "u", "d").contains(op), where + ": op " + op);
                assertEquals(op.equals("r") || op.equals("c"), event.get("before").isNull(), where + ": before of op " + op);
                assertEquals(op.equals("d"), event.get("after").isNull(), where + ": after of op " + op);
                for (String image : List.of("before", "after")) {
                    if (!event.get(image).isNull()) {
                        ValueAssertions.sameFields(where + " " + image, columns, event.get(image));
                        for (ColumnRule rule : rules.values()) {
                            ValueAssertions.check(where + " " + image, rule, event.get(image).get(rule.name()), true);
                        }
                    }
                }
                JsonNode block = event.get("source");
                assertTrue(block.get("lsn").isIntegralNumber(), where + ": lsn");
                assertTrue(block.get("lsn").longValue() > lsn, where + ": lsn not strictly increasing");
                lsn = block.get("lsn").longValue();
                assertEquals(table, block.get("schema").asString() + "." + block.get("table").asString(), where);
                assertEquals("postgresql", block.get("connector").asString());
                String snapshot = block.get("snapshot").asString();
                assertTrue(op.equals("r") ? Set.of("first", "true", "last").contains(snapshot) : snapshot.equals("false"),
                        where + ": snapshot " + snapshot);
                assertTrue(!op.equals("r") || snapshotPhase, where + ": snapshot read after streaming began");
                snapshotPhase &= op.equals("r");
                long ts = event.get("ts_ms").longValue();
                assertTrue(ts >= arrival, where + ": ts_ms goes back");
                assertTrue(ts >= block.get("ts_ms").longValue(), where + ": read before it was committed");
                arrival = ts;
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"marketplace", "dispatch"})
    void rowVersionsAreConsistentPerPrimaryKey(String example) {
        GeneratedExamples generated = GeneratedExamples.of(example);
        for (Source source : generated.sources(true)) {
            List<String> pk = source.spec().primaryKey().stream().map(Located::value).toList();
            String eventTime = source.spec().eventTime().orElseThrow().value();
            Map<List<String>, JsonNode> current = new HashMap<>();
            Map<List<String>, Boolean> deleted = new HashMap<>();
            Map<String, Long> ops = new HashMap<>();
            for (JsonNode event : generated.lines(source.name())) {
                String op = event.get("op").asString();
                ops.merge(op, 1L, Long::sum);
                JsonNode image = op.equals("d") ? event.get("before") : event.get("after");
                List<String> key = pk.stream().map(c -> image.get(c).toString()).toList();
                JsonNode previous = current.get(key);
                String where = source.name() + " " + key + " op " + op;
                assertTrue(!deleted.getOrDefault(key, false), where + ": change after delete");
                if (op.equals("r") || op.equals("c")) {
                    assertEquals(null, previous, where + ": created twice");
                } else {
                    assertNotNull(previous, where + ": change of a row never created");
                    assertEquals(previous, event.get("before"), where + ": before is not the previous version");
                }
                if (op.equals("u")) {
                    long before = event.get("before").get(eventTime).longValue();
                    long after = event.get("after").get(eventTime).longValue();
                    assertTrue(after > before, where + ": event time does not increase");
                    assertTrue(event.get("source").get("ts_ms").longValue() >= after, where + ": committed before its event time");
                }
                if (op.equals("d")) {
                    deleted.put(key, true);
                    assertTrue(event.get("source").get("ts_ms").longValue() > event.get("before").get(eventTime).longValue(), where);
                }
                current.put(key, image);
            }
            JsonNode entry = generated.manifestEntry(source.name());
            assertEquals(entry.get("snapshot").asLong(), ops.getOrDefault("r", 0L), source.name() + " snapshot");
            assertEquals(entry.get("creates").asLong(), ops.getOrDefault("c", 0L), source.name() + " creates");
            assertEquals(entry.get("updates").asLong(), ops.getOrDefault("u", 0L), source.name() + " updates");
            assertEquals(entry.get("deletes").asLong(), ops.getOrDefault("d", 0L), source.name() + " deletes");
            assertEquals(entry.get("rows").asLong(), current.size(), source.name() + " rows");
            for (String op : List.of("r", "c", "u", "d")) {
                assertTrue(ops.getOrDefault(op, 0L) > 0, source.name() + ": no op " + op);
            }
            assertTrue(ops.get("u") >= current.size(), source.name() + ": several updates per row on average");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"marketplace", "dispatch"})
    void snapshotRowsPredateTheWindowAndCreatesFallInIt(String example) {
        GeneratedExamples generated = GeneratedExamples.of(example);
        long from = generated.manifestWindow(true);
        long to = generated.manifestWindow(false);
        for (Source source : generated.sources(true)) {
            String eventTime = source.spec().eventTime().orElseThrow().value();
            for (JsonNode event : generated.lines(source.name())) {
                String op = event.get("op").asString();
                if (op.equals("d")) {
                    continue;
                }
                long t = event.get("after").get(eventTime).longValue();
                assertTrue(op.equals("r") ? t < from : t >= from && t < to, source.name() + " op " + op + " at " + t);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void statusesMoveAlongTheirLifecycle() {
        GeneratedExamples generated = GeneratedExamples.of("marketplace");
        long placedThenPaid = 0;
        long placedCreates = 0;
        for (JsonNode event : generated.lines("orders")) {
            String op = event.get("op").asString();
            if (op.equals("c")) {
                assertEquals("placed", event.get("after").get("status").asString(), "new orders start placed");
                placedCreates++;
            }
            if (op.equals("u") && event.get("before").get("status").asString().equals("placed")
                    && event.get("after").get("status").asString().equals("paid")) {
                placedThenPaid++;
            }
        }
        assertTrue(placedThenPaid > placedCreates / 3, "most placed orders get paid: " + placedThenPaid + " of " + placedCreates);
    }
}
