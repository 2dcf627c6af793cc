package dev.fsc.compiler.spec;

import dev.fsc.compiler.source.SourcePos;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code kind: dataset}: a point-in-time correct training table: spine rows, feature values, labels. */
public record DatasetSpec(
        Located<String> name,
        SourcePos pos,
        Meta meta,
        Spine spine,
        List<Located<String>> features,
        List<Label> labels,
        Optional<Located<String>> schedule,
        Optional<Located<String>> deadline,
        Optional<Output> output,
        Optional<Located<Duration>> snapshotRetention) implements Spec {

    public DatasetSpec {
        features = List.copyOf(features);
        labels = List.copyOf(labels);
    }

    @Override
    public SpecKind kind() {
        return SpecKind.DATASET;
    }

    /** The rows to label: one per (keys, timestamp) of a source or query. */
    public record Spine(SourcePos pos, Optional<Located<String>> source, Optional<SqlText> query,
                        Located<String> timestamp, List<SpineKey> keys, List<Located<String>> columns) {
        public Spine {
            keys = List.copyOf(keys);
            columns = List.copyOf(columns);
        }
    }

    /**
     * Binds an entity to spine columns: {@code user: user_id} (a one-key entity), or a mapping of
     * each entity key to a column for composite entities.
     */
    public record SpineKey(Located<String> entity, Optional<Located<String>> column, List<KeyMapping> columns) {
        public SpineKey {
            columns = List.copyOf(columns);
        }
    }

    public enum LabelAgg { EXISTS, COUNT, SUM, LAST }

    /** A label looks forward from the row's time over {@code horizon}. Keys map label columns to spine columns. */
    public record Label(Located<String> name, SourcePos pos, String description, Located<String> source,
                        List<KeyMapping> keys, Optional<SqlText> expr, Optional<SqlText> filter,
                        Located<LabelAgg> agg, Located<Duration> horizon) {
        public Label {
            keys = List.copyOf(keys);
        }
    }

    public record Output(Located<String> table, String partitionBy) {
    }
}
