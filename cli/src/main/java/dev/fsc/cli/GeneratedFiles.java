package dev.fsc.cli;

import dev.fsc.compiler.plan.Plan;
import dev.fsc.compiler.plan.PlanJson;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Every file `fsc compile` generates for a plan, by relative path; what `plan --show-sql` diffs. */
final class GeneratedFiles {
    private GeneratedFiles() {
    }

    static Map<Path, String> of(Plan plan) {
        Map<Path, String> files = new TreeMap<>();
        files.put(Path.of("plan.json"), PlanJson.write(plan, Version.current()));
        return files;
    }
}
