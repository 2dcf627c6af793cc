package dev.fsc.compiler.codegen.airflow;

import dev.fsc.common.manifest.JobManifest;
import dev.fsc.common.manifest.JobManifest.Step;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a step that only defines temporary views down to the views the other steps read, directly or through
 * other views. Generated view names are plain identifiers, so a view is read where its name occurs as a word
 * (not after a dot: {@code db.view} is a table).
 */
final class TemporaryViews {
    private static final Pattern DEFINES = Pattern.compile("CREATE\\s+OR\\s+REPLACE\\s+TEMPORARY\\s+VIEW\\s+`?(\\w+)`?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WORD = Pattern.compile("(?<![\\w.])`?(\\w+)");

    private final String viewsStep;
    /** View name (lower case) → the statement defining it. */
    private final Map<String, String> byView;
    private final Set<String> definitions;

    private TemporaryViews(String viewsStep, Map<String, String> byView) {
        this.viewsStep = viewsStep;
        this.byView = byView;
        this.definitions = new HashSet<>(byView.values());
    }

    /** The views {@code job}'s step {@code viewsStep} defines, read once for every task cut from the job. */
    static TemporaryViews of(JobManifest job, String viewsStep) {
        Map<String, String> byView = new LinkedHashMap<>();
        job.steps().stream().filter(s -> s.id().equals(viewsStep)).flatMap(s -> s.sql().stream()).forEach(sql -> {
            Matcher m = DEFINES.matcher(sql);
            if (m.find()) {
                byView.put(m.group(1).toLowerCase(Locale.ROOT), sql);
            }
        });
        return new TemporaryViews(viewsStep, byView);
    }

    /**
     * The steps with the views step's statements reduced to the views read; the step is dropped (with the
     * dependencies on it) if none is. Statements that define no view are kept.
     */
    List<Step> keepRead(List<Step> steps) {
        Step views = steps.stream().filter(s -> s.id().equals(viewsStep)).findFirst().orElse(null);
        if (views == null) {
            return steps;
        }
        Set<String> read = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>();
        steps.stream().filter(s -> s != views).forEach(s -> todo.addAll(s.sql()));
        // one pass over each statement's words: a project of thousands of views has thousands of statements
        while (!todo.isEmpty()) {
            for (String word : words(todo.remove(todo.size() - 1))) {
                if (byView.containsKey(word) && read.add(word)) {
                    todo.add(byView.get(word));
                }
            }
        }
        Set<String> keptDefinitions = new HashSet<>();
        read.forEach(view -> keptDefinitions.add(byView.get(view)));
        List<String> kept = views.sql().stream().filter(sql -> !definitions.contains(sql) || keptDefinitions.contains(sql)).toList();
        List<Step> out = new ArrayList<>();
        for (Step step : steps) {
            if (step == views) {
                if (!kept.isEmpty()) {
                    out.add(new Step(step.id(), step.kind(), step.severity(), kept, step.tables(), step.dependsOn()));
                }
            } else if (kept.isEmpty() && step.dependsOn().contains(viewsStep)) {
                out.add(new Step(step.id(), step.kind(), step.severity(), step.sql(), step.tables(),
                        step.dependsOn().stream().filter(d -> !d.equals(viewsStep)).toList()));
            } else {
                out.add(step);
            }
        }
        return out;
    }

    /** The words of a statement that are not qualified by a dot, lower case. */
    private static Set<String> words(String sql) {
        Set<String> words = new LinkedHashSet<>();
        Matcher m = WORD.matcher(sql);
        while (m.find()) {
            words.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        return words;
    }
}
