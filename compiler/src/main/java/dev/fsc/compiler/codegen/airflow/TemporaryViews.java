package dev.fsc.compiler.codegen.airflow;

import dev.fsc.common.manifest.JobManifest.Step;
import java.util.ArrayList;
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
 * other views. Generated view names are plain identifiers, so a view is read where its name occurs as a word.
 */
final class TemporaryViews {
    private static final Pattern DEFINES = Pattern.compile("CREATE\\s+OR\\s+REPLACE\\s+TEMPORARY\\s+VIEW\\s+`?(\\w+)`?",
            Pattern.CASE_INSENSITIVE);

    private TemporaryViews() {
    }

    /**
     * The steps with {@code viewsStep}'s statements reduced to the views read; the step is dropped (with the
     * dependencies on it) if none is. Statements that define no view are kept.
     */
    static List<Step> keepRead(List<Step> steps, String viewsStep) {
        Step views = steps.stream().filter(s -> s.id().equals(viewsStep)).findFirst().orElse(null);
        if (views == null) {
            return steps;
        }
        Map<String, String> byView = new LinkedHashMap<>();
        for (String sql : views.sql()) {
            Matcher m = DEFINES.matcher(sql);
            if (m.find()) {
                byView.put(m.group(1).toLowerCase(Locale.ROOT), sql);
            }
        }
        Set<String> read = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>();
        steps.stream().filter(s -> s != views).forEach(s -> todo.addAll(s.sql()));
        while (!todo.isEmpty()) {
            String sql = todo.remove(todo.size() - 1);
            for (String view : byView.keySet()) {
                if (!read.contains(view) && mentions(sql, view)) {
                    read.add(view);
                    todo.add(byView.get(view));
                }
            }
        }
        List<String> kept = views.sql().stream().filter(sql -> {
            Matcher m = DEFINES.matcher(sql);
            return !m.find() || read.contains(m.group(1).toLowerCase(Locale.ROOT));
        }).toList();
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

    private static boolean mentions(String sql, String view) {
        return Pattern.compile("(?<![\\w.])`?" + Pattern.quote(view) + "`?(?![\\w])", Pattern.CASE_INSENSITIVE).matcher(sql).find();
    }
}
