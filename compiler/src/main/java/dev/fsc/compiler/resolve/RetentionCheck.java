package dev.fsc.compiler.resolve;

import dev.fsc.compiler.diag.Code;
import dev.fsc.compiler.diag.Diagnostic;
import dev.fsc.compiler.spec.Durations;
import java.time.Duration;
import java.util.List;

/** Warns when a source keeps its data for less time than the longest window reading it (backfills would be short). */
final class RetentionCheck {
    private final Scope scope;

    RetentionCheck(Scope scope) {
        this.scope = scope;
    }

    void check(List<ResolvedView> views) {
        for (ResolvedView view : views) {
            view.source().ifPresent(source -> source.retention().ifPresent(retention ->
                    view.outputs().stream().flatMap(o -> o.window().stream())
                            .filter(w -> w.compareTo(retention.value()) > 0).max(Duration::compareTo)
                            .ifPresent(longest -> scope.report(Diagnostic.warning(Code.RETENTION_SHORTER_THAN_WINDOW,
                                            retention.pos(), "retention " + Durations.format(retention.value()) + " of source `"
                                                    + source.name().value() + "` is shorter than the " + Durations.format(longest)
                                                    + " window of view `" + view.name() + "`")
                                    .withHint("a backfill cannot recompute that window from raw data; keep at least "
                                            + Durations.format(longest))))));
        }
    }
}
