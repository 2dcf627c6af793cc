package dev.fsc.compiler.codegen.flink;

import dev.fsc.compiler.model.FeatureView;
import dev.fsc.compiler.model.Model;
import dev.fsc.compiler.model.Source;
import dev.fsc.compiler.spec.SourceSpec.SourceType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a project's streaming work splits into jobs: one job per group of stream/CDC sources that online
 * views read together (the connected components of "read by the same online view"), so every view's tiles
 * live in one job and every source is read by one job. A stream or CDC source no online view reads still
 * gets a job of its own (bronze and silver are kept fresh either way); batch sources have none.
 *
 * @param name job name: its sources' names joined by {@code -}, in model order
 */
record StreamingJob(String name, List<Source> sources, List<FeatureView> views) {
    StreamingJob {
        sources = List.copyOf(sources);
        views = List.copyOf(views);
    }

    static boolean streamed(Source source) {
        return source.spec().type().value() != SourceType.BATCH;
    }

    /** The jobs, in the model order of their first source. */
    static List<StreamingJob> of(Model model) {
        Map<String, String> parent = new HashMap<>();
        model.sources().stream().filter(StreamingJob::streamed).forEach(s -> parent.put(s.name(), s.name()));
        List<FeatureView> online = model.views().stream()
                .filter(v -> v.spec().online() && !v.inputSources().isEmpty() && v.inputSources().stream().allMatch(parent::containsKey))
                .toList();
        for (FeatureView view : online) {
            String first = view.inputSources().get(0);
            view.inputSources().forEach(s -> parent.put(root(parent, s), root(parent, first)));
        }
        Map<String, List<Source>> groups = new LinkedHashMap<>();
        model.sources().stream().filter(StreamingJob::streamed)
                .forEach(s -> groups.computeIfAbsent(root(parent, s.name()), k -> new ArrayList<>()).add(s));
        List<StreamingJob> jobs = new ArrayList<>();
        groups.forEach((root, sources) -> {
            List<FeatureView> views = online.stream().filter(v -> root(parent, v.inputSources().get(0)).equals(root)).toList();
            jobs.add(new StreamingJob(String.join("-", sources.stream().map(Source::name).toList()), sources, views));
        });
        return jobs;
    }

    private static String root(Map<String, String> parent, String name) {
        String r = name;
        while (!parent.get(r).equals(r)) {
            r = parent.get(r);
        }
        return r;
    }
}
