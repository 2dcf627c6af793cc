package dev.fsc.e2e.oracle;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Independent brute-force oracle for the examples' training datasets: computes, from a project's
 * local input files, the exact rows docs/batch-semantics.md says the runs of days {@code from..to}
 * publish. It shares no code with the compiler or the runtimes: each example's sources, features,
 * spines and labels are hand-coded in Java ({@link Marketplace}, {@link Dispatch}), and every
 * feature value is computed by scanning events with the window predicate, without tiles.
 */
public final class Oracle {
    private final Map<String, Dataset> datasets;
    private final DayRange days;
    private final Silver silver;

    private Oracle(Map<String, Dataset> datasets, DayRange days, Silver silver) {
        this.datasets = datasets;
        this.days = days;
        this.silver = silver;
    }

    /**
     * Loads the project's local inputs (paths from fsc.yaml environments.local.inputs, relative to
     * projectDir) as seen by runs of days from..to (docs/batch-semantics.md §1).
     *
     * @throws IllegalArgumentException when the project is neither example (by fsc.yaml's {@code project:})
     */
    public static Oracle load(Path projectDir, LocalDate from, LocalDate to) {
        ProjectConfig config = ProjectConfig.read(projectDir.resolve("fsc.yaml"));
        Example example = switch (config.project()) {
            case "novamind" -> new Marketplace();
            case "rescuenet" -> new Dispatch();
            default -> throw new IllegalArgumentException("the oracle knows the examples novamind and rescuenet, not "
                    + config.project());
        };
        DayRange days = new DayRange(from, to);
        Map<String, SilverSource> sources = new LinkedHashMap<>();
        for (SourceDef def : example.sources()) {
            String input = config.inputs().get(def.name);
            if (input == null) {
                throw new IllegalArgumentException("fsc.yaml binds no local input to source " + def.name);
            }
            List<Map<String, Object>> lines = JsonLines.read(projectDir.resolve(input));
            sources.put(def.name, SilverBuilder.build(def, lines, days, config.project()));
        }
        Silver silver = new Silver(sources);
        return new Oracle(example.datasets(silver), days, silver);
    }

    /**
     * Expected rows of a dataset: every column of batch-semantics §5 (timestamp column, spine key
     * columns, carried columns, features, labels) except ds, in that order.
     *
     * @throws IllegalArgumentException for a dataset the project does not have
     */
    public List<Map<String, Object>> dataset(String name) {
        Dataset d = datasets.get(name);
        if (d == null) {
            throw new IllegalArgumentException("no dataset " + name + " (have " + datasets.keySet() + ")");
        }
        return d.rows(days);
    }

    /** What bronze → silver did to a source (records read, quarantined, late, duplicates). */
    SilverSource.Stats stats(String source) {
        return silver.source(source).stats;
    }
}
