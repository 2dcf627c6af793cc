package dev.fsc.compiler.resolve;

import dev.fsc.compiler.diag.Diagnostic;
import dev.fsc.compiler.spec.LoadedProject;
import java.util.List;

/** The outcome of name resolution: the views and datasets that resolved cleanly, and every problem found. */
public record Resolution(LoadedProject project, List<ResolvedView> views, List<ResolvedDataset> datasets,
                         List<Diagnostic> diagnostics) {
    public Resolution {
        views = List.copyOf(views);
        datasets = List.copyOf(datasets);
        diagnostics = List.copyOf(diagnostics);
    }
}
