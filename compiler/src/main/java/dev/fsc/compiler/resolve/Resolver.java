package dev.fsc.compiler.resolve;

import dev.fsc.compiler.spec.LoadedProject;
import java.util.ArrayList;
import java.util.List;

/** Phase 3: resolves every reference of a loaded project; each check is its own class. */
public final class Resolver {
    public Resolution resolve(LoadedProject project) {
        Scope scope = new Scope(project);
        scope.sources().forEach(source -> new SourceChecks(scope).check(source));
        List<ResolvedView> views = new ArrayList<>();
        ViewResolver viewResolver = new ViewResolver(scope);
        scope.views().forEach(view -> viewResolver.resolve(view).ifPresent(views::add));
        DatasetResolver datasetResolver = new DatasetResolver(scope, views);
        List<ResolvedDataset> datasets = new ArrayList<>();
        scope.datasets().forEach(dataset -> datasetResolver.resolve(dataset).ifPresent(datasets::add));
        new EnvironmentChecks(scope).check();
        new CycleCheck(scope).check();
        new RetentionCheck(scope).check(views);
        return new Resolution(project, views, datasets, scope.diagnostics());
    }
}
