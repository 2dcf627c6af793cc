package dev.fsc.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.cli.Main;
import dev.fsc.compiler.CompileResult;
import dev.fsc.compiler.Compiler;
import dev.fsc.compiler.model.Model;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The example projects compile cleanly, and what the compiler understood of them is pinned (fsc explain). */
class ExamplesTest {
    private static final Path EXAMPLES = Path.of("..", "specs", "examples").toAbsolutePath().normalize();

    @ParameterizedTest
    @ValueSource(strings = {"marketplace", "dispatch"})
    void compilesWithoutDiagnosticsAndExplainsEverySpec(String example) {
        Path root = EXAMPLES.resolve(example);
        CompileResult result = new Compiler().compile(root);
        assertEquals(List.of(), result.diagnostics());
        Model model = result.model().orElseThrow();
        assertTrue(model.views().size() >= 5 && !model.datasets().isEmpty(), "a realistic example");
        List<String> names = new ArrayList<>();
        model.sources().forEach(s -> names.add(s.name()));
        model.entities().forEach(e -> names.add(e.name().value()));
        model.views().forEach(v -> names.add(v.name()));
        model.datasets().forEach(d -> names.add(d.name()));
        StringBuilder explained = new StringBuilder();
        for (String name : names) {
            explained.append(run("explain", name, "--project", root.toString())).append('\n');
        }
        GoldenFile.verify(explained.toString().replace(EXAMPLES + "/", "specs/examples/"), "cases", example, "explain");
    }

    /** The plan of each example, as `fsc compile` writes it: every node, fingerprint and canonical definition. */
    @ParameterizedTest
    @ValueSource(strings = {"marketplace", "dispatch"})
    void planIsPinned(String example) throws java.io.IOException {
        Path out = Path.of("target", "compiled", example).toAbsolutePath();
        run("compile", "--project", EXAMPLES.resolve(example).toString(), "--out", out.toString());
        GoldenFile.verify(java.nio.file.Files.readString(out.resolve("plan.json")), "cases", example, "plan", ".json");
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, exit, () -> String.join(" ", args) + " failed: " + err);
        return Stream.of(out.toString()).findFirst().orElse("");
    }
}
