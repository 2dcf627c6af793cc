package dev.fsc.compiler.resolve;

import dev.fsc.compiler.diag.Code;
import dev.fsc.compiler.diag.Diagnostic;
import dev.fsc.compiler.diag.DidYouMean;
import dev.fsc.compiler.source.SourcePos;
import dev.fsc.compiler.spec.DatasetSpec;
import dev.fsc.compiler.spec.EntitySpec;
import dev.fsc.compiler.spec.KeyMapping;
import dev.fsc.compiler.spec.Located;
import dev.fsc.compiler.spec.SourceSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Resolves a dataset: spine keys per entity, feature references ({@code view.*}), labels and output names. */
final class DatasetResolver {
    private final Scope scope;
    private final Map<String, ResolvedView> views = new HashMap<>();

    DatasetResolver(Scope scope, List<ResolvedView> resolvedViews) {
        this.scope = scope;
        resolvedViews.forEach(v -> views.put(v.name(), v));
    }

    Optional<ResolvedDataset> resolve(DatasetSpec dataset) {
        int before = scope.diagnostics().size();
        Optional<SourceSpec> spineSource = dataset.spine().source().flatMap(scope::source);
        spineSource.ifPresent(source -> {
            scope.column(source, dataset.spine().timestamp(), "spine timestamp");
            dataset.spine().columns().forEach(c -> scope.column(source, c, "spine column"));
        });
        Map<String, Map<String, String>> spineKeys = spineKeys(dataset, spineSource);
        List<ResolvedDataset.Selection> selections = selections(dataset, spineKeys);
        dataset.labels().forEach(label -> checkLabel(label, spineSource));
        checkOutputNames(dataset, selections);
        boolean clean = scope.diagnostics().subList(before, scope.diagnostics().size()).stream().noneMatch(Diagnostic::isError);
        boolean spineResolved = dataset.spine().query().isPresent() || spineSource.isPresent();
        return clean && spineResolved ? Optional.of(new ResolvedDataset(dataset, selections, spineKeys)) : Optional.empty();
    }

    private Map<String, Map<String, String>> spineKeys(DatasetSpec dataset, Optional<SourceSpec> spineSource) {
        Map<String, Map<String, String>> keys = new LinkedHashMap<>();
        for (DatasetSpec.SpineKey spineKey : dataset.spine().keys()) {
            scope.entity(spineKey.entity()).ifPresent(entity -> {
                Map<String, String> columns = new LinkedHashMap<>();
                if (spineKey.column().isPresent()) {
                    Located<String> column = spineKey.column().get();
                    if (entity.keys().size() != 1) {
                        scope.report(Diagnostic.error(Code.ENTITY_KEY_MISMATCH, column.pos(),
                                        "entity `" + entity.name().value() + "` has " + entity.keys().size()
                                                + " keys; one column cannot bind them")
                                .withHint("map each key: `" + entity.name().value() + ": { " + String.join(", ",
                                        entity.keyNames().stream().map(k -> k + ": <column>").toList()) + " }`"));
                        return;
                    }
                    columns.put(entity.keyNames().get(0), column.value());
                    spineSource.ifPresent(s -> scope.column(s, column, "spine key column"));
                } else {
                    bindComposite(entity, spineKey, spineSource, columns);
                }
                keys.put(entity.name().value(), columns);
            });
        }
        return keys;
    }

    private void bindComposite(EntitySpec entity, DatasetSpec.SpineKey spineKey, Optional<SourceSpec> spineSource,
                               Map<String, String> columns) {
        for (KeyMapping mapping : spineKey.columns()) {
            if (!entity.keyNames().contains(mapping.key().value())) {
                scope.report(Diagnostic.error(Code.ENTITY_KEY_MISMATCH, mapping.key().pos(),
                                "`" + mapping.key().value() + "` is not a key of entity `" + entity.name().value() + "`")
                        .withHint(DidYouMean.hint(mapping.key().value(), entity.keyNames())
                                .orElse("its keys are: " + String.join(", ", entity.keyNames()))));
                continue;
            }
            columns.put(mapping.key().value(), mapping.column().value());
            spineSource.ifPresent(s -> scope.column(s, mapping.column(), "spine key column"));
        }
        entity.keyNames().stream().filter(k -> !columns.containsKey(k)).findFirst().ifPresent(missing ->
                scope.report(Diagnostic.error(Code.ENTITY_KEY_MISMATCH, spineKey.entity().pos(),
                                "key `" + missing + "` of entity `" + entity.name().value() + "` is not mapped to a spine column")
                        .withHint("add `" + missing + ": <spine column>` under `" + entity.name().value() + ":`")));
    }

    private List<ResolvedDataset.Selection> selections(DatasetSpec dataset, Map<String, Map<String, String>> spineKeys) {
        List<ResolvedDataset.Selection> selections = new ArrayList<>();
        for (Located<String> ref : dataset.features()) {
            int dot = ref.value().indexOf('.');
            Located<String> viewName = new Located<>(ref.value().substring(0, dot), ref.pos().withLength(dot));
            String featureName = ref.value().substring(dot + 1);
            Optional<ResolvedView> view = Optional.ofNullable(views.get(viewName.value()));
            if (view.isEmpty()) {
                scope.view(viewName); // reports an unknown view; a known one that failed resolution was reported already
                continue;
            }
            String entity = view.get().entity().name().value();
            if (!spineKeys.containsKey(entity) && dataset.spine().keys().stream().noneMatch(k -> k.entity().value().equals(entity))) {
                scope.report(Diagnostic.error(Code.ENTITY_NOT_IN_SPINE, ref.pos(),
                                "view `" + viewName.value() + "` is keyed by entity `" + entity + "`, which the spine does not bind")
                        .withHint("add `" + entity + ": <column>` under `spine.keys`"));
                continue;
            }
            if (featureName.equals("*")) {
                view.get().outputs().forEach(o -> selections.add(new ResolvedDataset.Selection(viewName.value(), o.outputName())));
            } else if (view.get().outputs().stream().anyMatch(o -> o.outputName().equals(featureName))) {
                selections.add(new ResolvedDataset.Selection(viewName.value(), featureName));
            } else {
                List<String> names = view.get().outputs().stream().map(FeatureOutput::outputName).toList();
                SourcePos featurePos = new SourcePos(ref.pos().file(), ref.pos().line(), ref.pos().column() + dot + 1,
                        featureName.length());
                scope.report(Diagnostic.error(Code.UNKNOWN_FEATURE, featurePos,
                                "view `" + viewName.value() + "` has no feature `" + featureName + "`")
                        .withHint(DidYouMean.hint(featureName, names).orElse("its features are: " + String.join(", ", names))));
            }
        }
        return selections;
    }

    private void checkLabel(DatasetSpec.Label label, Optional<SourceSpec> spineSource) {
        Optional<SourceSpec> source = scope.source(label.source());
        if ((label.agg().value() == DatasetSpec.LabelAgg.SUM || label.agg().value() == DatasetSpec.LabelAgg.LAST)
                && label.expr().isEmpty()) {
            scope.report(Diagnostic.error(Code.AGG_NEEDS_EXPR, label.agg().pos(),
                            "label `" + label.name().value() + "` uses `" + label.agg().value().name().toLowerCase()
                                    + "`, which needs an `expr`")
                    .withHint("add `expr: <column or SQL expression>`; `exists` and `count` need none"));
        }
        for (KeyMapping key : label.keys()) {
            source.ifPresent(s -> scope.column(s, key.key(), "label key"));
            spineSource.ifPresent(s -> scope.column(s, key.column(), "spine column"));
        }
        source.ifPresent(s -> {
            if (s.eventTime().isEmpty()) {
                scope.report(Diagnostic.error(Code.BAD_EVENT_TIME, label.source().pos(),
                        "label source `" + s.name().value() + "` has no `event_time` to look forward on"));
            }
        });
    }

    private void checkOutputNames(DatasetSpec dataset, List<ResolvedDataset.Selection> selections) {
        Map<String, String> producers = new HashMap<>();
        dataset.spine().columns().forEach(c -> producers.put(c.value(), "spine column"));
        for (ResolvedDataset.Selection selection : selections) {
            String earlier = producers.putIfAbsent(selection.outputName(), "view `" + selection.view() + "`");
            if (earlier != null) {
                Located<String> ref = dataset.features().stream()
                        .filter(f -> f.value().startsWith(selection.view() + ".")).findFirst().orElseThrow();
                scope.report(Diagnostic.error(Code.DUPLICATE_OUTPUT, ref.pos(),
                                "dataset column `" + selection.outputName() + "` would come from both " + earlier
                                        + " and view `" + selection.view() + "`")
                        .withHint("select the features by name to leave one out, or rename the feature in one view"));
            }
        }
        for (DatasetSpec.Label label : dataset.labels()) {
            String earlier = producers.putIfAbsent(label.name().value(), "label");
            if (earlier != null) {
                scope.report(Diagnostic.error(Code.DUPLICATE_OUTPUT, label.name().pos(),
                        "dataset column `" + label.name().value() + "` is already produced by " + earlier));
            }
        }
    }
}
