package dev.fsc.cli.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.compiler.model.Column;
import dev.fsc.compiler.model.Source;
import dev.fsc.compiler.spec.Located;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Stream and batch files of both examples: shape, types, checks, and the planted edge cases. */
class StreamFilesTest {
    @ParameterizedTest
    @ValueSource(strings = {"marketplace", "dispatch"})
    void everyLineHasExactlyTheSourceColumnsWithValidValues(String example) {
        GeneratedExamples generated = GeneratedExamples.of(example);
        for (Source source : generated.sources(false)) {
            Map<String, ColumnRule> rules = ColumnRule.of(source, GeneratedExamples.EVENTS_PER_DAY);
            List<String> fields = new ArrayList<>(source.columns().stream().map(Column::name).toList());
            fields.add("_arrival_time");
            List<JsonNode> lines = generated.lines(source.name());
            assertEquals(generated.manifestEntry(source.name()).get("lines").asLong(), lines.size(), source.name());
            long from = generated.manifestWindow(true);
            long to = generated.manifestWindow(false);
            long previousArrival = Long.MIN_VALUE;
            for (int i = 0; i < lines.size(); i++) {
                JsonNode line = lines.get(i);
                String where = source.name() + " line " + (i + 1);
                ValueAssertions.sameFields(where, fields, line);
                for (ColumnRule rule : rules.values()) {
                    ValueAssertions.check(where, rule, line.get(rule.name()), false);
                }
                long arrival = ValueAssertions.epochMillis(line.get("_arrival_time"));
                assertTrue(arrival >= previousArrival, where + ": not sorted by arrival time");
                previousArrival = arrival;
                String eventTime = source.spec().eventTime().orElseThrow().value();
                long event = ValueAssertions.epochMillis(line.get(eventTime));
                assertTrue(event >= from && event < to, where + ": outside the window");
                assertTrue(arrival >= event, where + ": arrives before it happened");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"marketplace", "dispatch"})
    void plantedDuplicatesAndLateEventsMatchTheManifest(String example) {
        GeneratedExamples generated = GeneratedExamples.of(example);
        int withDedup = 0;
        int withLateness = 0;
        for (Source source : generated.sources(false)) {
            JsonNode entry = generated.manifestEntry(source.name());
            String eventTime = source.spec().eventTime().orElseThrow().value();
            List<JsonNode> lines = generated.lines(source.name());
            if (source.spec().dedup().isPresent()) {
                withDedup++;
                List<String> key = source.spec().dedup().get().key().stream().map(Located::value).toList();
                long within = source.spec().dedup().get().within().value().toMillis();
                Map<List<String>, Long> first = new HashMap<>();
                long duplicates = 0;
                long beyond = 0;
                for (JsonNode line : lines) {
                    List<String> k = key.stream().map(c -> line.get(c).toString()).toList();
                    long arrival = ValueAssertions.epochMillis(line.get("_arrival_time"));
                    Long seen = first.get(k);
                    if (seen != null && arrival - seen <= within) {
                        duplicates++;
                    } else {
                        beyond += seen == null ? 0 : 1;
                        first.put(k, arrival);
                    }
                }
                assertEquals(entry.get("duplicates").asLong(), duplicates, source.name() + " duplicates");
                assertEquals(entry.get("duplicates_beyond_within").asLong(), beyond, source.name() + " duplicates beyond within");
                assertTrue(duplicates > 0 && beyond > 0, source.name() + ": no duplicates planted");
                double share = (double) duplicates / entry.get("events").asLong();
                assertTrue(share > 0.01 && share < 0.03, source.name() + ": about 2% duplicates, got " + share);
            }
            if (source.spec().lateness().isPresent()) {
                withLateness++;
                long lateness = source.spec().lateness().get().value().toMillis();
                long late = 0;
                long boundary = 0;
                for (JsonNode line : lines) {
                    long lag = ValueAssertions.epochMillis(line.get("_arrival_time")) - ValueAssertions.epochMillis(line.get(eventTime));
                    late += lag > lateness ? 1 : 0;
                    boundary += lag == lateness ? 1 : 0;
                }
                assertEquals(entry.get("late").asLong(), late, source.name() + " late");
                assertEquals(entry.get("at_lateness_boundary").asLong(), boundary, source.name() + " at the lateness boundary");
                assertTrue(late > 0 && boundary > 0, source.name() + ": no late events planted");
                double share = (double) late / lines.size();
                assertTrue(share > 0.005 && share < 0.02, source.name() + ": about 1% late, got " + share);
            }
            assertTrue(entry.get("out_of_order").asLong() > 0, source.name() + ": nothing out of order");
        }
        assertTrue(withDedup >= 2 && withLateness >= 2, "both examples have two streams with dedup and lateness");
    }

    @ParameterizedTest
    @ValueSource(strings = {"marketplace", "dispatch"})
    void exactDuplicatesRepeatEveryColumnAndArriveLater(String example) {
        GeneratedExamples generated = GeneratedExamples.of(example);
        for (Source source : generated.sources(false)) {
            if (source.spec().dedup().isEmpty()) {
                continue;
            }
            List<String> key = source.spec().dedup().get().key().stream().map(Located::value).toList();
            Map<List<String>, JsonNode> first = new HashMap<>();
            for (JsonNode line : generated.lines(source.name())) {
                List<String> k = key.stream().map(c -> line.get(c).toString()).toList();
                JsonNode earlier = first.putIfAbsent(k, line);
                if (earlier != null) {
                    for (Column column : source.columns()) {
                        assertEquals(earlier.get(column.name()), line.get(column.name()), source.name() + ": a duplicate differs in " + column.name());
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"marketplace", "dispatch"})
    void nullableColumnsAreSometimesNullButWithinTheirNullRate(String example) {
        GeneratedExamples generated = GeneratedExamples.of(example);
        for (Source source : generated.sources(false)) {
            List<JsonNode> lines = generated.lines(source.name());
            for (ColumnRule rule : ColumnRule.of(source, GeneratedExamples.EVENTS_PER_DAY).values()) {
                long nulls = lines.stream().filter(l -> l.get(rule.name()).isNull()).count();
                if (rule.nullable()) {
                    assertTrue(nulls > 0, source.name() + "." + rule.name() + " is never NULL");
                    assertTrue(nulls <= lines.size() * rule.nullRate() * 2, source.name() + "." + rule.name() + " is NULL too often");
                } else {
                    assertEquals(0, nulls, source.name() + "." + rule.name());
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"marketplace", "dispatch"})
    void eventTimesSpreadOverEveryDay(String example) {
        GeneratedExamples generated = GeneratedExamples.of(example);
        for (Source source : generated.sources(false)) {
            String eventTime = source.spec().eventTime().orElseThrow().value();
            long[] perDay = new long[3];
            long from = generated.manifestWindow(true);
            for (JsonNode line : generated.lines(source.name())) {
                long offset = ValueAssertions.epochMillis(line.get(eventTime)) - from;
                perDay[(int) (offset / Duration.ofDays(1).toMillis())]++;
            }
            for (long day : perDay) {
                assertTrue(day >= 1900 && day <= 2200, source.name() + ": about 2000 events a day, got " + day);
            }
        }
    }
}
