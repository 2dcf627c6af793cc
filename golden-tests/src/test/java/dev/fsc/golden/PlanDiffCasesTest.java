package dev.fsc.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.compiler.CompileResult;
import dev.fsc.compiler.Compiler;
import dev.fsc.compiler.plan.ModelToPlan;
import dev.fsc.compiler.plan.Plan;
import dev.fsc.compiler.plan.diff.Category;
import dev.fsc.compiler.plan.diff.HumanDiffRenderer;
import dev.fsc.compiler.plan.diff.JsonDiffRenderer;
import dev.fsc.compiler.plan.diff.MarkdownDiffRenderer;
import dev.fsc.compiler.plan.diff.PlanDiff;
import dev.fsc.compiler.plan.diff.PlanDiffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every before/after pair under {@code diff/}: the human, markdown and JSON diff are pinned beside
 * it, and what its case.md promises ("class none", METADATA only) is checked.
 */
class PlanDiffCasesTest {
    private static final Path CASES = GoldenFile.RESOURCES.resolve("diff");

    @TestFactory
    Stream<DynamicTest> everyPair() throws IOException {
        try (Stream<Path> cases = Files.list(CASES)) {
            List<Path> folders = cases.filter(p -> Files.isDirectory(p.resolve("before"))).sorted().toList();
            assertTrue(folders.size() >= 20, "at least 20 before/after pairs, found " + folders.size());
            return folders.stream().map(folder -> DynamicTest.dynamicTest(folder.getFileName().toString(), () -> check(folder)));
        }
    }

    private static void check(Path folder) throws IOException {
        PlanDiff diff = new PlanDiffer().diff(plan(folder.resolve("before")), plan(folder.resolve("after")), "before");
        String promise = Files.readString(folder.resolve("case.md"));
        if (promise.contains("class none")) {
            assertEquals(List.of(), diff.changes(), "case.md promises no change");
        } else if (promise.contains("METADATA") && !promise.matches("(?s).*(BREAKING|ADD|REMOVE).*")) {
            assertTrue(diff.hasChanges() && diff.changes().stream().allMatch(c -> c.category() == Category.METADATA),
                    "case.md promises metadata-only changes: " + new HumanDiffRenderer(false).render(diff));
        } else {
            assertTrue(diff.hasChanges(), "case.md promises a change");
        }
        String name = folder.getFileName().toString();
        GoldenFile.verify(new HumanDiffRenderer(false).render(diff), "diff", name, "human");
        GoldenFile.verify(new MarkdownDiffRenderer().render(diff), "diff", name, "markdown", ".md");
        GoldenFile.verify(new JsonDiffRenderer().render(diff), "diff", name, "json", ".json");
    }

    private static Plan plan(Path project) {
        CompileResult result = new Compiler().compile(project);
        assertEquals(List.of(), result.diagnostics(), () -> project + " must compile cleanly");
        return new ModelToPlan().plan(result.model().orElseThrow());
    }
}
