package dev.fsc.compiler.sql;

import dev.fsc.compiler.diag.Code;
import dev.fsc.compiler.diag.Diagnostic;
import dev.fsc.compiler.diag.DidYouMean;
import dev.fsc.compiler.model.Column;
import dev.fsc.compiler.model.Dataset;
import dev.fsc.compiler.model.Feature;
import dev.fsc.compiler.model.FeatureView;
import dev.fsc.compiler.model.Model;
import dev.fsc.compiler.model.Source;
import dev.fsc.compiler.resolve.FeatureOutput;
import dev.fsc.compiler.resolve.Resolution;
import dev.fsc.compiler.resolve.ResolvedDataset;
import dev.fsc.compiler.resolve.ResolvedView;
import dev.fsc.compiler.spec.DatasetSpec;
import dev.fsc.compiler.spec.EntitySpec;
import dev.fsc.compiler.spec.FeatureViewSpec;
import dev.fsc.compiler.spec.FeatureViewSpec.Agg;
import dev.fsc.compiler.spec.QualityCheck;
import dev.fsc.compiler.spec.SourceSpec;
import dev.fsc.compiler.spec.SqlText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Phase 4: types the project. Builds the Calcite catalog from the sources, checks every SQL snippet,
 * infers each feature's type and produces the {@link Model}. Specs with problems are left out of the
 * model; their diagnostics say why.
 */
public final class ModelTyper {
    private final SqlCatalog catalog = new SqlCatalog();
    private final SqlTypeParser typeParser = new SqlTypeParser(catalog.types(), CalciteSetup.validator(catalog.reader()));
    private final FeatureTypes featureTypes = new FeatureTypes(catalog.types());
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Map<String, RelDataType> sourceRows = new HashMap<>();

    /** The typed model, and every problem found while typing. */
    public record Typed(Model model, List<Diagnostic> diagnostics) {
        public Typed {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    public Typed type(Resolution resolution) {
        List<Source> sources = new ArrayList<>();
        for (SourceSpec source : resolution.project().specsOf(SourceSpec.class)) {
            sourceTable(source).ifPresent(sources::add);
        }
        List<EntitySpec> entities = resolution.project().specsOf(EntitySpec.class);
        entities.forEach(entity -> entity.keys().forEach(key -> typeParser.parse(key.type()).problem().ifPresent(diagnostics::add)));
        SqlChecker checker = new SqlChecker(catalog);
        sources.parallelStream().forEach(source -> collect(new Task(), t -> t.checkExpectations(source.spec(), checker)));
        // query views first, one at a time: each registers its output as a table its features read
        Map<String, Optional<FeatureView>> typedViews = new HashMap<>();
        resolution.views().stream().filter(v -> v.spec().query().isPresent())
                .forEach(v -> typedViews.put(v.name(), collect(new Task(), t -> t.typeView(v, checker))));
        // from here on the catalog is only read: type the other views and the datasets on all cores
        Map<String, Optional<FeatureView>> sourceViews = resolution.views().parallelStream()
                .filter(v -> v.spec().query().isEmpty())
                .collect(Collectors.toMap(ResolvedView::name, v -> collect(new Task(), t -> t.typeView(v, checker))));
        typedViews.putAll(sourceViews);
        List<FeatureView> views = resolution.views().stream().map(v -> typedViews.get(v.name()))
                .flatMap(Optional::stream).toList();
        Map<String, FeatureView> viewsByName = views.stream().collect(Collectors.toMap(FeatureView::name, v -> v));
        List<Dataset> datasets = resolution.datasets().parallelStream()
                .map(d -> collect(new Task(), t -> t.typeDataset(d, viewsByName, checker)))
                .toList().stream().flatMap(Optional::stream).toList();
        return new Typed(new Model(resolution.project().project(), sources, entities, views, datasets), diagnostics);
    }

    /** Runs a task and keeps its diagnostics (in a synchronized block: tasks finish on several threads). */
    private <T> Optional<T> collect(Task task, Function<Task, Optional<T>> work) {
        Optional<T> result = work.apply(task);
        synchronized (diagnostics) {
            diagnostics.addAll(task.diagnostics);
        }
        return result;
    }

    private Optional<Source> sourceTable(SourceSpec source) {
        var builder = catalog.types().builder();
        List<Column> columns = new ArrayList<>();
        boolean clean = true;
        for (SourceSpec.ColumnSpec column : source.columns()) {
            SqlTypeParser.Result parsed = typeParser.parse(column.type());
            parsed.problem().ifPresent(diagnostics::add);
            if (parsed.type().isEmpty()) {
                clean = false;
                continue;
            }
            builder.add(column.name().value(), parsed.type().get());
            columns.add(column(column.name().value(), parsed.type().get()));
        }
        if (!clean) {
            return Optional.empty();
        }
        RelDataType rowType = builder.build();
        sourceRows.put(source.name().value(), rowType);
        boolean versioned = source.type().value() == SourceSpec.SourceType.CDC;
        catalog.addSource(source.name().value(), rowType, versioned, source.eventTime().map(t -> t.value()).orElse(""));
        return Optional.of(new Source(source, columns));
    }

    /** The sources a {@code query:} view reads: the catalog's tables among the query's names. */
    private List<String> querySources(ResolvedView view) {
        return SqlCanonicalizer.simpleNames(view.spec().query().orElseThrow()).stream()
                .filter(sourceRows::containsKey).sorted().toList();
    }

    /** The typing of one view or dataset, with its own diagnostics, so that many can run at once. */
    private final class Task {
        private final List<Diagnostic> diagnostics = new ArrayList<>();

        /** Every {@code expect} check of a source, in one validation. */
        private Optional<Void> checkExpectations(SourceSpec source, SqlChecker checker) {
            List<QualityCheck.Expect> expects = source.quality().stream().filter(QualityCheck.Expect.class::isInstance)
                    .map(QualityCheck.Expect.class::cast).toList();
            List<SqlChecker.Checked> checked = checker.rowExpressions(expects.stream().map(QualityCheck.Expect::sql).toList(),
                    List.of(source.name().value()));
            for (int i = 0; i < expects.size(); i++) {
                QualityCheck.Expect expect = expects.get(i);
                diagnostics.addAll(checker.requireBoolean(expect.sql(), "expectation `" + expect.name().value() + "`",
                        checked.get(i)).problems());
            }
            return Optional.empty();
        }

        private Optional<FeatureView> typeView(ResolvedView view, SqlChecker checker) {
            int before = diagnostics.size();
            Optional<RelDataType> input;
            List<String> table;
            if (view.spec().query().isPresent()) {
                input = viewQuery(view, checker);
                table = List.of(SqlCatalog.VIEW_SCHEMA, view.name());
                input.ifPresent(rowType -> catalog.addView(view.name(), rowType));
            } else {
                String source = view.source().orElseThrow().name().value();
                input = Optional.ofNullable(sourceRows.get(source));
                table = List.of(source);
            }
            if (input.isEmpty()) {
                return Optional.empty();
            }
            Map<FeatureViewSpec.FeatureSpec, Optional<RelDataType>> exprTypes = typeViewExpressions(view, table, checker);
            List<Feature> features = new ArrayList<>();
            for (FeatureOutput output : view.outputs()) {
                var spec = output.spec();
                Optional<RelDataType> exprType = exprTypes.getOrDefault(spec, Optional.empty());
                if (spec.expr().isPresent() && exprType.isEmpty()) {
                    continue;
                }
                RelDataType type = featureTypes.resultType(spec.agg().value(), exprType, view.spec().ttl().isPresent());
                features.add(new Feature(output.outputName(), spec, output.window(), output.tileSize(), column(output.outputName(), type)));
            }
            if (diagnostics.size() > before) {
                return Optional.empty();
            }
            List<Column> inputColumns = input.get().getFieldList().stream().map(f -> column(f.getName(), f.getType())).toList();
            return Optional.of(new FeatureView(view.spec(), view.entity(),
                    view.source().map(s -> List.of(s.name().value())).orElseGet(() -> querySources(view)), view.keyColumns(),
                inputColumns, features));
        }

        /** Checks the filter and every feature expression of a view in one Calcite validation; types by feature name. */
        private Map<FeatureViewSpec.FeatureSpec, Optional<RelDataType>> typeViewExpressions(ResolvedView view, List<String> table, SqlChecker checker) {
            List<SqlText> texts = new ArrayList<>();
            view.spec().filter().ifPresent(texts::add);
            List<FeatureViewSpec.FeatureSpec> withExpr = view.spec().features().stream()
                    .filter(f -> f.expr().isPresent()).toList();
            withExpr.forEach(f -> texts.add(f.expr().get()));
            List<SqlChecker.Checked> checked = checker.rowExpressions(texts, table);
            int next = 0;
            if (view.spec().filter().isPresent()) {
                diagnostics.addAll(checker.requireBoolean(view.spec().filter().get(), "filter", checked.get(next++)).problems());
            }
            // by identity: hashing a spec record would hash its whole tree of positions
            Map<FeatureViewSpec.FeatureSpec, Optional<RelDataType>> types = new IdentityHashMap<>();
            for (var feature : withExpr) {
                SqlChecker.Checked result = checked.get(next++);
                diagnostics.addAll(result.problems());
                types.put(feature, result.type().flatMap(type -> fitAgg(feature.agg().value(), feature.expr().get(), type)));
            }
            return types;
        }

        private Optional<RelDataType> fitAgg(Agg agg, SqlText expr, RelDataType type) {
            Optional<String> misfit = featureTypes.misfit(agg, type);
            misfit.ifPresent(why -> diagnostics.add(Diagnostic.error(Code.AGG_TYPE_MISMATCH,
                            expr.pos().withLength(Math.min(expr.sql().length(), 80)), why)
                    .withHint("CAST it to the type you mean, or pick another `agg:`")));
            return misfit.isEmpty() ? Optional.of(type) : Optional.empty();
        }

        /** Types a {@code query:} view and checks it exposes the entity keys (with their types) and event_time. */
        private Optional<RelDataType> viewQuery(ResolvedView view, SqlChecker checker) {
            SqlText query = view.spec().query().orElseThrow();
            SqlChecker.Checked checked = checker.query(query, true);
            diagnostics.addAll(checked.problems());
            if (checked.type().isEmpty()) {
                return Optional.empty();
            }
            RelDataType rowType = checked.type().get();
            List<String> names = SqlCatalog.fieldNames(rowType);
            boolean complete = true;
            for (EntitySpec.Key key : view.entity().keys()) {
                String column = view.keyColumns().get(key.name().value());
                RelDataTypeField field = rowType.getField(column, true, false);
                if (field == null) {
                    complete = false;
                    diagnostics.add(missingQueryColumn(query, column, "entity key `" + key.name().value() + "`", names));
                    continue;
                }
                typeParser.parse(key.type()).type().filter(keyType -> !SqlTypeUtil.equalSansNullability(catalog.types(), keyType, field.getType()))
                        .ifPresent(keyType -> diagnostics.add(Diagnostic.error(Code.KEY_TYPE_MISMATCH, query.pos(),
                                "entity key `" + key.name().value() + "` is " + keyType.getFullTypeString() + " but the query's `"
                                        + column + "` is " + field.getType().getFullTypeString())
                                .withHint("CAST the column in the query to " + keyType.getFullTypeString())));
            }
            RelDataTypeField time = rowType.getField("event_time", true, false);
            if (time == null) {
                complete = false;
                diagnostics.add(missingQueryColumn(query, "event_time", "the event time", names));
            } else if (!SqlTypeUtil.isTimestamp(time.getType())) {
                complete = false;
                diagnostics.add(Diagnostic.error(Code.BAD_EVENT_TIME, query.pos(),
                        "the query's `event_time` is " + time.getType().getFullTypeString() + ", not a TIMESTAMP"));
            }
            return complete ? Optional.of(rowType) : Optional.empty();
        }

        private static Diagnostic missingQueryColumn(SqlText query, String column, String role, List<String> names) {
            return Diagnostic.error(Code.QUERY_MISSING_COLUMN, query.pos().withLength(6),
                            "the query does not output `" + column + "` (" + role + ")")
                    .withHint(DidYouMean.hint(column, names).map(h -> h + " or ").orElse("")
                            + "add `<expression> AS " + column + "` to the SELECT list; it outputs: " + String.join(", ", names));
        }

        private Optional<Dataset> typeDataset(ResolvedDataset dataset, Map<String, FeatureView> views, SqlChecker checker) {
            int before = diagnostics.size();
            DatasetSpec spec = dataset.spec();
            Optional<RelDataType> spine = spec.spine().query().isPresent()
                    ? spineQuery(spec, checker)
                    : Optional.ofNullable(sourceRows.get(spec.spine().source().orElseThrow().value()));
            List<Dataset.SelectedFeature> selected = new ArrayList<>();
            for (ResolvedDataset.Selection selection : dataset.selections()) {
                Optional.ofNullable(views.get(selection.view())).flatMap(v -> v.feature(selection.outputName()))
                        .ifPresent(f -> selected.add(new Dataset.SelectedFeature(selection.view(), f)));
            }
            List<Dataset.Label> labels = new ArrayList<>();
            for (DatasetSpec.Label label : spec.labels()) {
                typeLabel(label, checker).ifPresent(labels::add);
            }
            if (spine.isEmpty() || diagnostics.size() > before || selected.size() != dataset.selections().size()) {
                return Optional.empty();
            }
            List<Column> spineColumns = spine.get().getFieldList().stream().map(f -> column(f.getName(), f.getType())).toList();
            return Optional.of(new Dataset(spec, spineColumns, selected, labels));
        }

        private Optional<RelDataType> spineQuery(DatasetSpec spec, SqlChecker checker) {
            SqlText query = spec.spine().query().orElseThrow();
            SqlChecker.Checked checked = checker.query(query, false);
            diagnostics.addAll(checked.problems());
            checked.type().ifPresent(rowType -> {
                List<String> names = SqlCatalog.fieldNames(rowType);
                List<String> needed = new ArrayList<>();
                needed.add(spec.spine().timestamp().value());
                spec.spine().columns().forEach(c -> needed.add(c.value()));
                spec.spine().keys().forEach(k -> k.column().ifPresent(c -> needed.add(c.value())));
                spec.spine().keys().forEach(k -> k.columns().forEach(m -> needed.add(m.column().value())));
                needed.stream().filter(n -> !names.contains(n)).distinct()
                        .forEach(n -> diagnostics.add(missingQueryColumn(query, n, "used by the spine", names)));
            });
            return checked.type();
        }

        private Optional<Dataset.Label> typeLabel(DatasetSpec.Label label, SqlChecker checker) {
            List<String> table = List.of(label.source().value());
            if (!sourceRows.containsKey(label.source().value())) {
                return Optional.empty();
            }
            label.filter().ifPresent(f -> diagnostics.addAll(checker.condition(f, table, "label filter").problems()));
            Optional<RelDataType> exprType = Optional.empty();
            if (label.expr().isPresent()) {
                SqlChecker.Checked checked = checker.rowExpression(label.expr().get(), table);
                diagnostics.addAll(checked.problems());
                exprType = checked.type();
                if (exprType.isEmpty()) {
                    return Optional.empty();
                }
            }
            var types = catalog.types();
            RelDataType type = switch (label.agg().value()) {
                case EXISTS -> types.createSqlType(org.apache.calcite.sql.type.SqlTypeName.BOOLEAN);
                case COUNT -> types.createSqlType(org.apache.calcite.sql.type.SqlTypeName.BIGINT);
                case SUM -> featureTypes.resultType(Agg.SUM, exprType, false);
                case LAST -> featureTypes.resultType(Agg.LAST, exprType, false);
            };
            if (label.agg().value() == DatasetSpec.LabelAgg.SUM && exprType.isPresent()) {
                Optional<String> misfit = featureTypes.misfit(Agg.SUM, exprType.get());
                if (misfit.isPresent()) {
                    diagnostics.add(Diagnostic.error(Code.AGG_TYPE_MISMATCH, label.expr().get().pos(), misfit.get()));
                    return Optional.empty();
                }
            }
            return Optional.of(new Dataset.Label(label, column(label.name().value(), type)));
        }
    }

    private static Column column(String name, RelDataType type) {
        return new Column(name, type.getFullTypeString().replace(" NOT NULL", ""), type.isNullable());
    }
}
