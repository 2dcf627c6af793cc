package dev.fsc.cli.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fsc.compiler.Compiler;
import dev.fsc.compiler.plan.ModelToPlan;
import dev.fsc.compiler.plan.Plan;
import dev.fsc.compiler.plan.diff.PlanDiffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A breaking change names exactly the backfill it needs: the changed view's tiles and the datasets reading them. */
class PlanTargetsTest {
    private static final Path MARKETPLACE = Path.of("../specs/examples/marketplace");

    @TempDir
    Path dir;

    @Test
    void aChangedFeatureExpressionBackfillsItsViewAndItsDatasets() throws IOException {
        copy(MARKETPLACE, dir);
        Path view = dir.resolve("features/item_click_stats.yaml");
        Files.writeString(view, Files.readString(view).replaceFirst("expr: is_click\n", "expr: is_click * 2\n"));
        Set<String> targets = PlanTargets.of(new PlanDiffer().diff(plan(MARKETPLACE), plan(dir), "base"));
        assertEquals(Set.of("view:item_click_stats", "dataset:ranking_training"), targets);
        assertEquals(Set.of(), PlanTargets.of(new PlanDiffer().diff(plan(MARKETPLACE), plan(MARKETPLACE), "base")));
    }

    private static Plan plan(Path project) {
        return new ModelToPlan().plan(new Compiler().compile(project).model().orElseThrow());
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path rel = from.relativize(f);
                if (rel.startsWith("data") || rel.startsWith(".fsc")) {
                    continue;
                }
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to.resolve(rel.toString()));
                } else {
                    Files.copy(f, to.resolve(rel.toString()));
                }
            }
        }
    }
}
