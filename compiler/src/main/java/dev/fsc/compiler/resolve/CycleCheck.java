package dev.fsc.compiler.resolve;

import dev.fsc.compiler.diag.Code;
import dev.fsc.compiler.diag.Diagnostic;
import dev.fsc.compiler.source.SourcePos;
import dev.fsc.compiler.spec.DatasetSpec;
import dev.fsc.compiler.spec.FeatureViewSpec;
import dev.fsc.compiler.spec.Located;
import dev.fsc.compiler.spec.SourceSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds dependency cycles: a batch source that reads a dataset's output table, which (through
 * its views, spine and labels) reads that source again.
 */
final class CycleCheck {
    private final Scope scope;
    private final Map<String, List<String>> edges = new LinkedHashMap<>();
    private final Map<String, SourcePos> positions = new HashMap<>();

    CycleCheck(Scope scope) {
        this.scope = scope;
    }

    void check() {
        Map<String, String> datasetByTable = new HashMap<>();
        for (DatasetSpec dataset : scope.datasets()) {
            String node = "dataset " + dataset.name().value();
            dataset.output().ifPresent(o -> datasetByTable.put(o.table().value(), node));
            dataset.output().ifPresent(o -> positions.put(node, o.table().pos()));
            dataset.spine().source().ifPresent(s -> edge(node, "source " + s.value()));
            dataset.features().forEach(f -> edge(node, "feature_view " + f.value().substring(0, f.value().indexOf('.'))));
            dataset.labels().forEach(l -> edge(node, "source " + l.source().value()));
        }
        for (FeatureViewSpec view : scope.views()) {
            view.source().ifPresent(s -> edge("feature_view " + view.name().value(), "source " + s.value()));
        }
        for (SourceSpec source : scope.sources()) {
            source.connection().flatMap(SourceSpec.Connection::table).map(Located::value).map(datasetByTable::get)
                    .ifPresent(dataset -> edge("source " + source.name().value(), dataset));
        }
        Set<String> done = new HashSet<>();
        for (String start : List.copyOf(edges.keySet())) {
            visit(start, new ArrayList<>(), done);
        }
    }

    private void edge(String from, String to) {
        edges.computeIfAbsent(from, k -> new ArrayList<>()).add(to);
    }

    private void visit(String node, List<String> path, Set<String> done) {
        int index = path.indexOf(node);
        if (index >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(index, path.size()));
            cycle.add(node);
            String datasetNode = cycle.stream().filter(positions::containsKey).findFirst().orElse(node);
            scope.report(Diagnostic.error(Code.DEPENDENCY_CYCLE, positions.getOrDefault(datasetNode,
                                    scope.project().project().pos()),
                            "dependency cycle: " + String.join(" -> ", cycle))
                    .withHint("a dataset cannot feed a source it is built from; read a different table or split the pipeline"));
            return;
        }
        if (!done.add(node)) {
            return;
        }
        path.add(node);
        edges.getOrDefault(node, List.of()).forEach(next -> visit(next, path, done));
        path.remove(path.size() - 1);
    }
}
