package dev.fsc.golden;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.compiler.CompileResult;
import dev.fsc.compiler.Compiler;
import dev.fsc.compiler.diag.Diagnostic;
import dev.fsc.compiler.diag.HumanRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every broken project in specs/invalid: the diagnostics must include each {@code expect.txt} line
 * (file, line and code: the error points at the right place), and the whole rendered output is
 * pinned under {@code errors/<case>/}.
 */
class InvalidSpecsTest {
    private static final Path INVALID = Path.of("..", "specs", "invalid").toAbsolutePath().normalize();
    private final Compiler compiler = new Compiler();

    @TestFactory
    Stream<DynamicTest> everyInvalidCase() throws IOException {
        try (Stream<Path> cases = Files.list(INVALID)) {
            List<Path> folders = cases.filter(Files::isDirectory).sorted().toList();
            assertTrue(folders.size() >= 30, "specs/invalid holds at least 30 cases, found " + folders.size());
            return folders.stream().map(folder -> DynamicTest.dynamicTest(folder.getFileName().toString(), () -> check(folder)));
        }
    }

    private void check(Path folder) throws IOException {
        CompileResult result = compiler.compile(folder);
        assertTrue(result.hasErrors() || result.diagnostics().stream().anyMatch(d -> !d.isError()),
                "a broken spec must yield a diagnostic");
        HumanRenderer renderer = new HumanRenderer(folder);
        for (String expected : Files.readAllLines(folder.resolve("expect.txt"))) {
            if (expected.isBlank()) {
                continue;
            }
            String[] parts = expected.trim().split("\\s+");
            String file = parts[0].substring(0, parts[0].lastIndexOf(':'));
            int line = Integer.parseInt(parts[0].substring(parts[0].lastIndexOf(':') + 1));
            boolean found = result.diagnostics().stream().anyMatch(d -> matches(d, renderer, file, line, parts[1]));
            assertTrue(found, "expected " + expected + " but got:\n" + renderer.render(result.diagnostics()));
        }
        GoldenFile.verify(renderer.render(result.diagnostics()), "errors", folder.getFileName().toString(), "diagnostics");
    }

    private static boolean matches(Diagnostic d, HumanRenderer renderer, String file, int line, String code) {
        return renderer.displayPath(d.pos().file()).equals(file) && d.pos().line() == line && d.code().id().equals(code);
    }
}
