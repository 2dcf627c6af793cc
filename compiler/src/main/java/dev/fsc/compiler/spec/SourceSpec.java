package dev.fsc.compiler.spec;

import dev.fsc.compiler.source.SourcePos;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code kind: source}: where events or rows come from, their columns and the rules applied at silver. */
public record SourceSpec(
        Located<String> name,
        SourcePos pos,
        Meta meta,
        Located<SourceType> type,
        Optional<Connection> connection,
        List<Located<String>> primaryKey,
        Optional<Located<String>> eventTime,
        List<ColumnSpec> columns,
        Optional<Dedup> dedup,
        Optional<Located<Duration>> lateness,
        Optional<Located<Duration>> retention,
        List<QualityCheck> quality) implements Spec {

    public SourceSpec {
        primaryKey = List.copyOf(primaryKey);
        columns = List.copyOf(columns);
        quality = List.copyOf(quality);
    }

    @Override
    public SpecKind kind() {
        return SpecKind.SOURCE;
    }

    public enum SourceType { STREAM, CDC, BATCH }

    /** Personal data handling applied at silver. */
    public enum Pii { ENCRYPT, HASH, DROP }

    /**
     * Where the source is read from; its section matches the type ({@code cdc:}, {@code stream:}, {@code batch:}).
     * {@code location} is the topic, table or path; {@code format} the wire or file format.
     */
    public record Connection(SourcePos pos, Optional<Located<String>> database, Optional<Located<String>> table,
                             Optional<String> topic, Optional<String> path, Optional<String> format,
                             Optional<String> serverName) {
    }

    public record ColumnSpec(Located<String> name, Located<String> type, Optional<Pii> pii, String description) {
    }

    public record Dedup(List<Located<String>> key, Located<Duration> within) {
        public Dedup {
            key = List.copyOf(key);
        }
    }

    public Optional<ColumnSpec> column(String columnName) {
        return columns.stream().filter(c -> c.name().value().equals(columnName)).findFirst();
    }
}
