package dev.fsc.e2e.oracle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A feature view computed by brute force: the values of its features for an entity key at time t
 * come from scanning that key's events (after the view's filter) with the window predicate of
 * docs/batch-semantics.md §4, and the view's ttl.
 */
final class FeatureView {
    final String name;
    private final List<Feature> features;
    private final Duration ttl;
    private final Map<List<Object>, List<Event>> eventsByKey = new HashMap<>();

    private FeatureView(String name, List<Event> events, List<String> keyColumns, Duration ttl, List<Feature> features) {
        this.name = name;
        this.features = List.copyOf(features);
        this.ttl = ttl;
        for (Event e : events) {
            List<Object> key = Keys.of(e.row(), keyColumns);
            if (!Keys.hasNull(key)) {
                eventsByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
            }
        }
    }

    /**
     * Starts a view over its input events (a source's silver events or a query's rows).
     *
     * @param keyColumns the input columns of the entity's keys, in the entity's key order
     */
    static Builder over(String name, List<Event> events, String... keyColumns) {
        return new Builder(name, events, List.of(keyColumns));
    }

    /** Output columns in the view's order. */
    List<String> columns() {
        List<String> columns = new ArrayList<>();
        for (Feature f : features) {
            if (f.windows().isEmpty()) {
                columns.add(f.column(null));
            }
            for (Feature.Window w : f.windows()) {
                columns.add(f.column(w));
            }
        }
        return columns;
    }

    /**
     * Every feature of the view for {@code key} at {@code t}. All NULL for a key with a NULL, and when
     * the view has a ttl and the key's latest event at or before t is older than t − ttl (or absent).
     */
    Map<String, Object> at(List<Object> key, long t) {
        List<Event> events = Keys.hasNull(key) ? null : eventsByKey.getOrDefault(key, List.of());
        boolean allNull = events == null || (ttl != null && expired(events, t));
        Map<String, Object> values = new LinkedHashMap<>();
        for (Feature f : features) {
            if (f.windows().isEmpty()) {
                values.put(f.column(null), allNull ? null : f.agg().over(upTo(events, t, Long.MIN_VALUE), f.expr()));
            }
            for (Feature.Window w : f.windows()) {
                values.put(f.column(w), allNull ? null : f.agg().over(upTo(events, t, w.start(t)), f.expr()));
            }
        }
        return values;
    }

    private boolean expired(List<Event> events, long t) {
        long latest = Long.MIN_VALUE;
        for (Event e : events) {
            if (e.time() <= t) {
                latest = Math.max(latest, e.time());
            }
        }
        return latest == Long.MIN_VALUE || latest < t - ttl.toMillis();
    }

    /** The events with {@code from <= event_time <= t}. */
    private static List<Event> upTo(List<Event> events, long t, long from) {
        List<Event> in = new ArrayList<>();
        for (Event e : events) {
            if (from <= e.time() && e.time() <= t) {
                in.add(e);
            }
        }
        return in;
    }

    static final class Builder {
        private final String name;
        private List<Event> events;
        private final List<String> keyColumns;
        private final List<Feature> features = new ArrayList<>();
        private Duration ttl;

        private Builder(String name, List<Event> events, List<String> keyColumns) {
            this.name = name;
            this.events = events;
            this.keyColumns = keyColumns;
        }

        /** The view's {@code filter}: keeps the events where it is TRUE. */
        Builder filter(Predicate<Event> keep) {
            events = events.stream().filter(keep).toList();
            return this;
        }

        Builder ttl(String duration) {
            ttl = Times.duration(duration);
            return this;
        }

        /**
         * @param expr null for {@code count(*)}
         * @param windows {@code "<size>/<tile>"} each, e.g. {@code "24h/1m"}; none for a feature without windows
         */
        Builder feature(String featureName, Agg agg, Expr expr, String... windows) {
            features.add(new Feature(featureName, agg, expr, Arrays.stream(windows).map(Feature.Window::parse).toList()));
            return this;
        }

        FeatureView build() {
            return new FeatureView(name, events, keyColumns, ttl, features);
        }
    }
}
