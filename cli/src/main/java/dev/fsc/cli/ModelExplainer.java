package dev.fsc.cli;

import dev.fsc.compiler.diag.HumanRenderer;
import dev.fsc.compiler.model.Column;
import dev.fsc.compiler.model.Dataset;
import dev.fsc.compiler.model.Feature;
import dev.fsc.compiler.model.FeatureView;
import dev.fsc.compiler.model.Model;
import dev.fsc.compiler.model.Source;
import dev.fsc.compiler.source.SourcePos;
import dev.fsc.compiler.spec.Durations;
import dev.fsc.compiler.spec.EntitySpec;
import dev.fsc.compiler.spec.Located;
import dev.fsc.compiler.spec.SqlText;
import java.util.List;
import java.util.Optional;

/** Renders one resolved spec as text: what each name resolved to and every inferred type. */
final class ModelExplainer {
    private final Model model;
    private final HumanRenderer paths;

    ModelExplainer(Model model, HumanRenderer paths) {
        this.model = model;
        this.paths = paths;
    }

    Optional<String> explain(String name) {
        return model.view(name).map(this::view)
                .or(() -> model.dataset(name).map(this::dataset))
                .or(() -> model.source(name).map(this::source))
                .or(() -> model.entity(name).map(this::entity));
    }

    private String view(FeatureView view) {
        StringBuilder out = header("feature_view", view.name(), view.spec().pos());
        row(out, "entity", view.entity().name().value() + " " + keys(view.entity()));
        row(out, "input", view.spec().source().map(s -> "source " + s.value())
                .orElse("query over " + String.join(", ", view.inputSources().isEmpty() ? List.of("sources") : view.inputSources())));
        view.spec().query().ifPresent(q -> row(out, "query", oneLine(q)));
        row(out, "keys", String.join(", ", view.keyColumns().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " <- " + e.getValue()).toList()));
        view.spec().filter().ifPresent(f -> row(out, "filter", oneLine(f)));
        row(out, "serving", view.spec().online()
                ? "online (streaming + batch)" + view.spec().freshness().map(f -> ", freshness " + Durations.format(f.value())).orElse("")
                : "offline only (batch)");
        view.spec().ttl().ifPresent(t -> row(out, "ttl", Durations.format(t.value()) + " (features are NULL for keys idle longer)"));
        out.append("  features\n");
        int width = view.features().stream().mapToInt(f -> f.outputName().length()).max().orElse(10);
        for (Feature feature : view.features()) {
            out.append("    ").append(pad(feature.outputName(), width)).append("  ").append(pad(feature.type().typeText(), 24))
                    .append("  ").append(formula(feature)).append('\n');
        }
        return out.toString();
    }

    private static String formula(Feature feature) {
        String argument = feature.spec().expr().map(ModelExplainer::oneLine).orElse("*");
        String window = feature.window()
                .map(w -> " over " + Durations.format(w) + " (tiles of " + Durations.format(feature.tileSize()) + ")")
                .orElse(" latest as of t");
        return feature.agg().yamlName() + "(" + argument + ")" + window;
    }

    private String dataset(Dataset dataset) {
        StringBuilder out = header("dataset", dataset.name(), dataset.spec().pos());
        var spine = dataset.spec().spine();
        row(out, "spine", spine.source().map(s -> "source " + s.value()).orElse("query")
                + ", one row per (keys, " + spine.timestamp().value() + ")");
        spine.query().ifPresent(q -> row(out, "query", oneLine(q)));
        dataset.spec().schedule().ifPresent(s -> row(out, "schedule", s.value() + " UTC"
                + dataset.spec().deadline().map(d -> ", deadline " + d.value()).orElse("")));
        dataset.spec().output().ifPresent(o -> row(out, "output", o.table().value() + " partitioned by " + o.partitionBy()));
        out.append("  columns\n");
        List<String> spineNames = spine.columns().stream().map(Located::value).toList();
        int width = 28;
        dataset.spineColumns().stream().filter(c -> spineNames.contains(c.name()) || c.name().equals(spine.timestamp().value())
                        || isSpineKey(dataset, c.name()))
                .forEach(c -> column(out, c, "spine", width));
        for (Dataset.SelectedFeature selected : dataset.features()) {
            column(out, selected.feature().type(), "feature " + selected.view() + " as of " + spine.timestamp().value(), width);
        }
        for (Dataset.Label label : dataset.labels()) {
            column(out, label.type(), "label " + label.spec().agg().value().name().toLowerCase() + " over ("
                    + spine.timestamp().value() + ", +" + Durations.format(label.spec().horizon().value()) + "] from "
                    + label.spec().source().value(), width);
        }
        return out.toString();
    }

    private static boolean isSpineKey(Dataset dataset, String column) {
        return dataset.spec().spine().keys().stream().anyMatch(k -> k.column().map(Located::value).filter(column::equals).isPresent()
                || k.columns().stream().anyMatch(m -> m.column().value().equals(column)));
    }

    private String source(Source source) {
        StringBuilder out = header("source", source.name(), source.spec().pos());
        row(out, "type", source.spec().type().value().name().toLowerCase());
        source.spec().eventTime().ifPresent(t -> row(out, "event time", t.value()));
        if (!source.spec().primaryKey().isEmpty()) {
            row(out, "primary key", String.join(", ", source.spec().primaryKey().stream().map(Located::value).toList()));
        }
        source.spec().dedup().ifPresent(d -> row(out, "dedup", "first of " + String.join(", ", d.key().stream().map(Located::value).toList())
                + " within " + Durations.format(d.within().value())));
        source.spec().lateness().ifPresent(l -> row(out, "lateness", Durations.format(l.value()) + " (later events go to the late table)"));
        out.append("  columns\n");
        for (Column column : source.columns()) {
            String pii = source.spec().column(column.name()).flatMap(c -> c.pii()).map(p -> "pii: " + p.name().toLowerCase()).orElse("");
            column(out, column, pii, 24);
        }
        row(out, "quality", source.spec().quality().size() + " checks");
        return out.toString();
    }

    private String entity(EntitySpec entity) {
        StringBuilder out = header("entity", entity.name().value(), entity.pos());
        row(out, "keys", keys(entity));
        List<String> views = model.views().stream().filter(v -> v.entity().name().value().equals(entity.name().value()))
                .map(FeatureView::name).toList();
        row(out, "views", views.isEmpty() ? "(none)" : String.join(", ", views));
        return out.toString();
    }

    private StringBuilder header(String kind, String name, SourcePos pos) {
        return new StringBuilder().append(kind).append(' ').append(name).append("  (")
                .append(paths.displayPath(pos.file())).append(':').append(pos.line()).append(")\n");
    }

    private static String keys(EntitySpec entity) {
        return "(" + String.join(", ", entity.keys().stream().map(k -> k.name().value() + " " + k.type().value()).toList()) + ")";
    }

    private static void row(StringBuilder out, String label, String value) {
        out.append("  ").append(pad(label, 12)).append(value).append('\n');
    }

    private static void column(StringBuilder out, Column column, String note, int width) {
        String line = "    " + pad(column.name(), width) + "  " + pad(column.typeText(), 24) + "  " + note;
        out.append(line.stripTrailing()).append('\n');
    }

    private static String oneLine(SqlText sql) {
        return sql.sql().strip().replaceAll("\\s+", " ");
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
