package dev.fsc.e2e.oracle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training dataset (docs/batch-semantics.md §5): one row per spine row of the days that is
 * mature, with the spine's timestamp, key and carried columns, the features as of t and the labels.
 */
final class Dataset {
    /** Features of one view as of t: the spine columns giving its entity key, and the chosen outputs. */
    private record FeatureRef(FeatureView view, List<String> spineKeyColumns, List<String> columns) {
    }

    private final List<Event> spine;
    private final String timestampColumn;
    private final List<String> keyColumns;
    private final List<String> carried;
    private final List<FeatureRef> features = new ArrayList<>();
    private final List<Label> labels = new ArrayList<>();

    /**
     * @param spine one event per spine row, its time = the timestamp column
     * @param keyColumns the spine's key columns, each once, in the order the keys first mention them
     * @param carried the carried {@code columns}
     */
    Dataset(List<Event> spine, String timestampColumn, List<String> keyColumns, List<String> carried) {
        this.spine = spine;
        this.timestampColumn = timestampColumn;
        this.keyColumns = keyColumns;
        this.carried = carried;
    }

    /**
     * Adds features of a view, in the dataset's order.
     *
     * @param spineKeyColumns the spine column for each key of the view's entity, in the entity's key order
     * @param columns the chosen outputs; none for {@code view.*}
     */
    Dataset features(FeatureView view, List<String> spineKeyColumns, String... columns) {
        List<String> chosen = columns.length == 0 ? view.columns() : List.of(columns);
        if (!view.columns().containsAll(chosen)) {
            throw new IllegalArgumentException(view.name + " has no feature among " + chosen);
        }
        features.add(new FeatureRef(view, spineKeyColumns, chosen));
        return this;
    }

    Dataset label(Label label) {
        labels.add(label);
        return this;
    }

    /**
     * The rows the runs of {@code days} publish: spine rows with day(t) among the days and
     * {@code t + H <= end(to)}, H the longest label horizon (maturity), in order of t.
     */
    List<Map<String, Object>> rows(DayRange days) {
        long longestHorizon = labels.stream().mapToLong(l -> l.horizon.toMillis()).max().orElse(0);
        List<Event> mature = spine.stream()
                .filter(s -> days.contains(s.time()) && s.time() + longestHorizon <= days.end())
                .sorted(Comparator.comparingLong(Event::time))
                .toList();
        List<Map<String, Object>> rows = new ArrayList<>(mature.size());
        for (Event s : mature) {
            rows.add(row(s));
        }
        return rows;
    }

    private Map<String, Object> row(Event s) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(timestampColumn, Times.timestamp(s.time()));
        for (String c : keyColumns) {
            row.put(c, s.get(c));
        }
        for (String c : carried) {
            row.put(c, s.get(c));
        }
        for (FeatureRef f : features) {
            Map<String, Object> values = f.view().at(Keys.of(s.row(), f.spineKeyColumns()), s.time());
            for (String c : f.columns()) {
                row.put(c, values.get(c));
            }
        }
        for (Label l : labels) {
            row.put(l.name, l.valueFor(s));
        }
        return row;
    }
}
