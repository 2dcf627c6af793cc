package dev.fsc.common.online;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Which version of each view readers are served, and how far each version's stream has got.
 *
 * <p>A breaking change gives a view a new version, whose tiles a fresh streaming job writes under new keys
 * while readers keep reading the old ones. The hash {@value #SERVED_KEY} names, per view, the descriptor
 * readers use (the version is inside it), so a reader always merges the tiles of one version with that
 * version's layout. A deploy moves readers to the new versions of all changed views in one write (one
 * {@code HSET} on Redis), and only once each new version is warm: its stream's watermark has reached the
 * watermark the served version had got to ({@link #progress}).
 *
 * <p>Progress: every online-sink writer records the watermark up to which it has written every tile in
 * {@code fsc:progress:<view>:<version>}, field {@code <tile millis>/<subtask>/<parallelism>}, and the start of the
 * earliest tile it wrote, field {@code earliest/<tile millis>/<subtask>/<parallelism>}: a version rebuilt from a
 * topic that no longer holds a whole window's events has caught up in time but its windows are short, and is
 * not warm either.
 */
public final class ServedViews {
    /** The hash of served views: field = view, value = its descriptor JSON. */
    public static final String SERVED_KEY = "fsc:served";

    private ServedViews() {
    }

    /** The descriptors readers are served now, by view. */
    public static Map<String, ViewDescriptor> served(OnlineStore store) {
        Map<String, ViewDescriptor> out = new TreeMap<>();
        store.read(SERVED_KEY).forEach((view, json) -> out.put(view, ViewDescriptor.fromJson(json)));
        return out;
    }

    /** The descriptor JSON readers are served for one view, if it is served. */
    public static Optional<String> servedJson(OnlineStore store, String view) {
        return Optional.ofNullable(store.read(SERVED_KEY).get(view));
    }

    /** Serves {@code views} and stops serving {@code retired}, in one write, durable on return. */
    public static void serve(OnlineStore store, Collection<ViewDescriptor> views, Collection<String> retired) {
        Map<String, String> fields = new LinkedHashMap<>();
        views.forEach(v -> fields.put(v.view(), v.toJson()));
        if (!fields.isEmpty()) {
            store.upsert(SERVED_KEY, fields, 0);
        }
        if (!retired.isEmpty()) {
            store.delete(SERVED_KEY, retired);
        }
        store.flush();
    }

    /** The key of one version's progress hash. */
    public static String progressKey(String view, String version) {
        return "fsc:progress:" + view + ":" + version;
    }

    /** The progress field of one online-sink writer. */
    public static String progressField(long tileMillis, int subtask, int parallelism) {
        return tileMillis + "/" + subtask + "/" + parallelism;
    }

    /** The field of one online-sink writer's earliest tile start. */
    public static String earliestField(long tileMillis, int subtask, int parallelism) {
        return EARLIEST + progressField(tileMillis, subtask, parallelism);
    }

    private static final String EARLIEST = "earliest/";

    /** The start of the earliest tile any writer of the version wrote; empty if none reported one. */
    public static OptionalLong earliest(OnlineStore store, ViewDescriptor view) {
        return store.read(progressKey(view.view(), view.version())).entrySet().stream()
                .filter(e -> e.getKey().startsWith(EARLIEST)).mapToLong(e -> Long.parseLong(e.getValue())).min();
    }

    /**
     * The watermark up to which every tile of {@code view} is in the store: the least over its tile sizes and
     * their writers. Empty until every writer of every tile size has reported. Writers of an earlier parallelism
     * (a rescaled job) are ignored once all writers of a later run have reported.
     */
    public static OptionalLong progress(OnlineStore store, ViewDescriptor view) {
        Map<Long, Map<Integer, Map<Integer, Long>>> byTile = new HashMap<>();
        store.read(progressKey(view.view(), view.version())).forEach((field, value) -> {
            String[] parts = field.split("/");
            if (parts.length == 3) {
                byTile.computeIfAbsent(Long.parseLong(parts[0]), t -> new HashMap<>())
                        .computeIfAbsent(Integer.parseInt(parts[2]), p -> new HashMap<>())
                        .put(Integer.parseInt(parts[1]), Long.parseLong(value));
            }
        });
        long least = Long.MAX_VALUE;
        for (ViewDescriptor.TileLayout layout : view.tiles()) {
            OptionalLong tile = completeRun(byTile.getOrDefault(layout.tileMillis(), Map.of()));
            if (tile.isEmpty()) {
                return OptionalLong.empty();
            }
            least = Math.min(least, tile.getAsLong());
        }
        return OptionalLong.of(least);
    }

    /** Of the parallelisms whose writers have all reported, the furthest progress (their least watermark). */
    private static OptionalLong completeRun(Map<Integer, Map<Integer, Long>> byParallelism) {
        OptionalLong best = OptionalLong.empty();
        for (Map.Entry<Integer, Map<Integer, Long>> run : byParallelism.entrySet()) {
            Map<Integer, Long> writers = run.getValue();
            if (writers.size() == run.getKey()) {
                long least = writers.values().stream().mapToLong(Long::longValue).min().orElseThrow();
                if (best.isEmpty() || least > best.getAsLong()) {
                    best = OptionalLong.of(least);
                }
            }
        }
        return best;
    }

    /**
     * Whether {@code next} may replace what readers are served for its view: nothing is served, the same
     * version is, or its stream has reached the served version's watermark (any, when the served version recorded
     * none) and holds tiles as far back as the served version needs: its earliest, or a whole longest window
     * before its watermark, whichever is later.
     */
    public static boolean warm(OnlineStore store, ViewDescriptor next, Optional<ViewDescriptor> served) {
        if (served.isEmpty() || served.get().version().equals(next.version())) {
            return true;
        }
        if (!caughtUp(store, next, served.get())) {
            return false;
        }
        OptionalLong needed = neededFrom(store, next, served.get(), progress(store, served.get()));
        return needed.isEmpty() || earliest(store, next).orElse(Long.MAX_VALUE) <= needed.getAsLong();
    }

    /** Whether {@code next}'s stream has reached the served version's watermark (any, when that recorded none). */
    public static boolean caughtUp(OnlineStore store, ViewDescriptor next, ViewDescriptor served) {
        OptionalLong ours = progress(store, next);
        return ours.isPresent() && ours.getAsLong() >= progress(store, served).orElse(Long.MIN_VALUE);
    }

    /**
     * Records that tiles loaded from batch hold {@code view}'s history from {@code fromMillis} on (the field
     * {@code earliest/batch}): {@link #earliest} then reaches back that far, whatever the stream wrote.
     */
    public static void recordBatchHistory(OnlineStore store, ViewDescriptor view, long fromMillis) {
        store.upsert(progressKey(view.view(), view.version()), Map.of(EARLIEST + "batch", Long.toString(fromMillis)), 0);
        store.flush();
    }

    /** How far back the new version's tiles must reach; empty when the served version recorded no earliest tile. */
    public static OptionalLong neededFrom(OnlineStore store, ViewDescriptor next, ViewDescriptor served, OptionalLong servedWatermark) {
        OptionalLong theirs = earliest(store, served);
        if (theirs.isEmpty()) {
            return OptionalLong.empty();
        }
        OptionalLong window = longestWindow(next);
        boolean bounded = window.isPresent() && servedWatermark.isPresent() && servedWatermark.getAsLong() != Long.MAX_VALUE;
        if (!bounded) {
            return theirs; // an unbounded feature (or a finished stream) needs everything the served version has
        }
        long tile = next.tiles().stream().mapToLong(ViewDescriptor.TileLayout::tileMillis).max().orElse(1);
        long windowStart = Math.floorDiv(servedWatermark.getAsLong() - window.getAsLong(), tile) * tile;
        return OptionalLong.of(Math.max(theirs.getAsLong(), windowStart));
    }

    /** The longest window of the view's features; empty if one has none (it merges every tile up to t). */
    private static OptionalLong longestWindow(ViewDescriptor view) {
        long longest = 0;
        for (ViewDescriptor.Feature f : view.features()) {
            if (f.windowMillis().isEmpty()) {
                return OptionalLong.empty();
            }
            longest = Math.max(longest, f.windowMillis().get());
        }
        return OptionalLong.of(longest);
    }

    /** Views of {@code wanted} not yet served in that version. */
    public static List<ViewDescriptor> unserved(Map<String, ViewDescriptor> served, Collection<ViewDescriptor> wanted) {
        return wanted.stream().filter(v -> served.get(v.view()) == null || !served.get(v.view()).version().equals(v.version()))
                .toList();
    }
}
