package dev.fsc.compiler.spec;

import dev.fsc.compiler.diag.Code;
import dev.fsc.compiler.diag.Diagnostic;
import dev.fsc.compiler.diag.Severity;
import dev.fsc.compiler.source.SourcePos;
import dev.fsc.compiler.yaml.YMap;
import dev.fsc.compiler.yaml.YNode;
import dev.fsc.compiler.yaml.YScalar;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns schema-checked YAML documents into spec records. Reports the few shape rules a JSON Schema
 * cannot say well: one check kind per quality item, one of source/query, valid cron fields.
 */
public final class SpecReader {
    private static final List<String> CHECK_KINDS = List.of("not_null", "unique", "range", "accepted_values",
            "expect", "null_rate", "null_rate_spike", "freshness", "volume");

    private final List<Diagnostic> diagnostics = new ArrayList<>();

    public List<Diagnostic> diagnostics() {
        return List.copyOf(diagnostics);
    }

    public ProjectSpec project(Path root, YNode document) {
        YamlAccess doc = YamlAccess.of(document);
        List<ProjectSpec.EnvironmentSpec> environments = new ArrayList<>();
        doc.section("environments").ifPresent(envs -> envs.map().entries().forEach(e -> {
            YamlAccess env = YamlAccess.of(e.value() instanceof YMap ? e.value() : new YMap(List.of(), e.value().pos()));
            List<ProjectSpec.Input> inputs = env.keyMappings("inputs").stream()
                    .map(k -> new ProjectSpec.Input(k.key(), k.column())).toList();
            Map<String, Map<String, String>> services = new LinkedHashMap<>();
            env.map().entries().stream().filter(s -> s.value() instanceof YMap && !s.key().value().equals("inputs"))
                    .forEach(s -> {
                        Map<String, String> settings = new LinkedHashMap<>();
                        ((YMap) s.value()).entries().stream().filter(v -> v.value() instanceof YScalar)
                                .forEach(v -> settings.put(v.key().value(), ((YScalar) v.value()).value()));
                        services.put(s.key().value(), settings);
                    });
            env.map().entries().stream().filter(s -> s.value() instanceof YScalar)
                    .forEach(s -> services.put(s.key().value(), Map.of("value", ((YScalar) s.value()).value())));
            List<ProjectSpec.Database> databases = env.section("connect").flatMap(c -> c.section("databases"))
                    .map(d -> d.map().entries().stream().map(SpecReader::database).toList()).orElse(List.of());
            environments.add(new ProjectSpec.EnvironmentSpec(new Located<>(e.key().value(), e.key().pos()), inputs, services, databases));
        }));
        return new ProjectSpec(root, document.pos(), doc.required("project"), environments);
    }

    private static ProjectSpec.Database database(YMap.Entry entry) {
        YamlAccess db = YamlAccess.of(entry.value());
        return new ProjectSpec.Database(new Located<>(entry.key().value(), entry.key().pos()), db.text("hostname"),
                db.scalar("port").map(p -> Integer.parseInt(p.value())).orElse(ProjectSpec.Database.DEFAULT_PORT),
                db.text("dbname"), db.text("user"), db.text("password"));
    }

    public Optional<Spec> spec(SpecKind kind, YNode document) {
        YamlAccess doc = YamlAccess.of(document);
        return switch (kind) {
            case SOURCE -> Optional.of(source(doc));
            case ENTITY -> Optional.of(entity(doc));
            case FEATURE_VIEW -> featureView(doc);
            case DATASET -> dataset(doc);
        };
    }

    private SourceSpec source(YamlAccess doc) {
        Located<SourceSpec.SourceType> type = doc.choice("type", SourceSpec.SourceType.class).orElseThrow();
        Optional<SourceSpec.Connection> connection = doc.section(type.value().name().toLowerCase())
                .map(c -> new SourceSpec.Connection(c.map().pos(), c.located("database"),
                        c.located("table"), c.scalar("topic").map(YScalar::value), c.scalar("path").map(YScalar::value),
                        c.scalar("format").map(YScalar::value), c.scalar("server_name").map(YScalar::value)));
        List<SourceSpec.ColumnSpec> columns = new ArrayList<>();
        doc.section("columns").ifPresent(cols -> cols.map().entries().forEach(e -> columns.add(column(e))));
        Optional<SourceSpec.Dedup> dedup = doc.section("dedup").flatMap(d -> d.duration("within")
                .map(within -> new SourceSpec.Dedup(d.names("key"), within)));
        List<QualityCheck> quality = new ArrayList<>();
        doc.list("quality").forEach(item -> qualityCheck(YamlAccess.of(item)).ifPresent(quality::add));
        return new SourceSpec(doc.required("name"), doc.map().pos(), doc.meta(), type, connection, doc.names("primary_key"),
                doc.located("event_time"), columns, dedup, doc.duration("lateness"), doc.duration("retention"), quality);
    }

    private static SourceSpec.ColumnSpec column(YMap.Entry entry) {
        Located<String> name = new Located<>(entry.key().value(), entry.key().pos());
        if (entry.value() instanceof YScalar type) {
            return new SourceSpec.ColumnSpec(name, new Located<>(type.value(), type.pos()), Optional.empty(), "");
        }
        YamlAccess details = YamlAccess.of(entry.value());
        return new SourceSpec.ColumnSpec(name, details.located("type").orElse(new Located<>("", entry.value().pos())),
                details.choice("pii", SourceSpec.Pii.class).map(Located::value), details.text("description"));
    }

    private Optional<QualityCheck> qualityCheck(YamlAccess item) {
        List<YMap.Entry> kinds = item.map().entries().stream()
                .filter(e -> CHECK_KINDS.contains(e.key().value())).toList();
        if (kinds.size() != 1) {
            SourcePos where = kinds.size() > 1 ? kinds.get(1).key().pos() : item.map().pos();
            diagnostics.add(Diagnostic.error(Code.INVALID_QUALITY_CHECK, where,
                            kinds.isEmpty() ? "quality item has no check" : "quality item has " + kinds.size() + " checks: "
                                    + String.join(", ", kinds.stream().map(e -> e.key().value()).toList()))
                    .withHint("write one check per list item (`- not_null: [...]`), each with its own `severity`"));
            return Optional.empty();
        }
        Severity severity = item.text("severity").equals("warn") ? Severity.WARNING : Severity.ERROR;
        YMap.Entry check = kinds.get(0);
        SourcePos pos = check.key().pos();
        YamlAccess args = check.value() instanceof YMap ? YamlAccess.of(check.value()) : item;
        return Optional.of(switch (check.key().value()) {
            case "not_null" -> new QualityCheck.NotNull(pos, severity, item.names("not_null"));
            case "unique" -> new QualityCheck.Unique(pos, severity, item.names("unique"));
            case "range" -> new QualityCheck.Range(pos, severity, args.required("column"),
                    args.scalar("min").map(s -> new BigDecimal(s.value())), args.scalar("max").map(s -> new BigDecimal(s.value())));
            case "accepted_values" -> new QualityCheck.AcceptedValues(pos, severity, args.required("column"),
                    args.names("values").stream().map(Located::value).toList());
            case "expect" -> new QualityCheck.Expect(pos, severity, args.required("name"), args.sql("sql").orElseThrow());
            case "null_rate" -> new QualityCheck.NullRate(pos, severity, args.required("column"),
                    new BigDecimal(args.text("max")));
            case "null_rate_spike" -> new QualityCheck.NullRateSpike(pos, severity, args.required("column"),
                    new BigDecimal(args.text("max_increase")),
                    args.duration("baseline").map(Located::value).orElse(java.time.Duration.ofDays(7)));
            case "freshness" -> new QualityCheck.Freshness(pos, severity, args.duration("max_delay").orElseThrow().value());
            default -> new QualityCheck.Volume(pos, severity, new BigDecimal(args.text("min_rows_per_day")).longValue(),
                    args.scalar("max_rows_per_day").map(s -> new BigDecimal(s.value()).longValue()));
        });
    }

    private static EntitySpec entity(YamlAccess doc) {
        List<EntitySpec.Key> keys = doc.keyMappings("keys").stream()
                .map(k -> new EntitySpec.Key(k.key(), k.column())).toList();
        return new EntitySpec(doc.required("name"), doc.map().pos(), doc.meta(), keys);
    }

    private Optional<Spec> featureView(YamlAccess doc) {
        if (!exactlyOne(doc, "source", "query", "feature view")) {
            return Optional.empty();
        }
        List<FeatureViewSpec.FeatureSpec> features = doc.list("features").stream().map(YamlAccess::of)
                .map(f -> new FeatureViewSpec.FeatureSpec(f.required("name"), f.map().pos(), f.text("description"),
                        f.sql("expr"), f.choice("agg", FeatureViewSpec.Agg.class).orElseThrow(),
                        f.list("windows").stream().map(w -> (YScalar) w)
                                .map(w -> new FeatureViewSpec.Window(w.value(), Durations.parse(w.value()).orElseThrow(), w.pos())).toList()))
                .toList();
        return Optional.of(new FeatureViewSpec(doc.required("name"), doc.map().pos(), doc.meta(), doc.required("entity"),
                doc.located("source"), doc.sql("query"), doc.keyMappings("keys"), doc.sql("filter"), doc.flag("online"),
                doc.duration("freshness"), doc.duration("ttl"), doc.duration("granularity"), features));
    }

    private Optional<Spec> dataset(YamlAccess doc) {
        YamlAccess spine = doc.section("spine").orElseThrow();
        if (!exactlyOne(spine, "source", "query", "dataset spine")) {
            return Optional.empty();
        }
        List<DatasetSpec.SpineKey> keys = new ArrayList<>();
        spine.section("keys").ifPresent(k -> k.map().entries().forEach(e -> {
            Located<String> entity = new Located<>(e.key().value(), e.key().pos());
            if (e.value() instanceof YScalar column) {
                keys.add(new DatasetSpec.SpineKey(entity, Optional.of(new Located<>(column.value(), column.pos())), List.of()));
            } else {
                keys.add(new DatasetSpec.SpineKey(entity, Optional.empty(), k.keyMappings(e.key().value())));
            }
        }));
        DatasetSpec.Spine spineSpec = new DatasetSpec.Spine(spine.map().pos(), spine.located("source"), spine.sql("query"),
                spine.required("timestamp"), keys, spine.names("columns"));
        List<DatasetSpec.Label> labels = doc.list("labels").stream().map(YamlAccess::of)
                .map(l -> new DatasetSpec.Label(l.required("name"), l.map().pos(), l.text("description"), l.required("source"),
                        l.keyMappings("keys"), l.sql("expr"), l.sql("filter"),
                        l.choice("agg", DatasetSpec.LabelAgg.class).orElseThrow(), l.duration("horizon").orElseThrow()))
                .toList();
        doc.scalar("schedule").ifPresent(this::checkCron);
        Optional<DatasetSpec.Output> output = doc.section("output").map(o -> new DatasetSpec.Output(o.required("table"),
                o.scalar("partition_by").map(YScalar::value).orElse("day")));
        return Optional.of(new DatasetSpec(doc.required("name"), doc.map().pos(), doc.meta(), spineSpec, doc.names("features"),
                labels, doc.located("schedule"), doc.located("deadline"), output,
                doc.section("snapshots").flatMap(s -> s.duration("retain"))));
    }

    private boolean exactlyOne(YamlAccess doc, String first, String second, String what) {
        boolean hasFirst = doc.map().get(first).isPresent();
        boolean hasSecond = doc.map().get(second).isPresent();
        if (hasFirst != hasSecond) {
            return true;
        }
        SourcePos pos = hasFirst ? doc.map().entry(second).orElseThrow().key().pos() : doc.map().pos();
        diagnostics.add(Diagnostic.error(hasFirst ? Code.INVALID_VALUE : Code.MISSING_FIELD, pos,
                        hasFirst ? "a " + what + " takes `" + first + "` or `" + second + "`, not both"
                                : "a " + what + " needs `" + first + "` or `" + second + "`")
                .withHint("`" + first + ": <source name>` reads one source; `" + second + ": <SQL SELECT>` reads a query"));
        return false;
    }

    private void checkCron(YScalar schedule) {
        CronCheck.problem(schedule.value()).ifPresent(problem -> diagnostics.add(
                Diagnostic.error(Code.INVALID_CRON, schedule.pos(), "`" + schedule.value() + "` is not a valid schedule: " + problem)
                        .withHint("fields are minute (0-59), hour (0-23), day of month (1-31), month (1-12), day of week (0-7), in UTC")));
    }
}
