package dev.fsc.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fsc.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file `fsc compile` generates for each example (Spark SQL per step, the job manifest) is pinned
 * under {@code cases/<example>/generated/}, so a change in generated code shows as a reviewable diff; an
 * approved file that is no longer generated fails too.
 */
class GeneratedFilesTest {
    private static final Path EXAMPLES = Path.of("..", "specs", "examples").toAbsolutePath().normalize();
    private static final List<String> EXAMPLE_NAMES = List.of("marketplace", "dispatch");

    @TestFactory
    Stream<DynamicTest> everyGeneratedFileIsPinned() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String example : EXAMPLE_NAMES) {
            Path out = compile(example);
            for (Path file : generated(out)) {
                String relative = out.relativize(file).toString();
                int dot = relative.lastIndexOf('.');
                tests.add(DynamicTest.dynamicTest(example + "/" + relative, () -> GoldenFile.verify(Files.readString(file),
                        "cases", example + "/generated", relative.substring(0, dot), relative.substring(dot))));
            }
            tests.add(DynamicTest.dynamicTest(example + ": no approved file without a generated one", () -> {
                TreeSet<String> expected = new TreeSet<>();
                generated(out).forEach(f -> {
                    String relative = out.relativize(f).toString();
                    int dot = relative.lastIndexOf('.');
                    expected.add(relative.substring(0, dot) + ".approved" + relative.substring(dot));
                });
                Path approved = GoldenFile.RESOURCES.resolve("cases").resolve(example).resolve("generated");
                TreeSet<String> actual = new TreeSet<>();
                if (Files.isDirectory(approved)) {
                    try (Stream<Path> files = Files.walk(approved)) {
                        files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().contains(".approved."))
                                .forEach(f -> actual.add(approved.relativize(f).toString()));
                    }
                }
                actual.removeAll(expected);
                assertEquals(new TreeSet<String>(), actual, "approved files no longer generated: delete them");
            }));
        }
        return tests.stream();
    }

    private static Path compile(String example) {
        Path out = Path.of("target", "generated-cases", example).toAbsolutePath();
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"compile", "--project", EXAMPLES.resolve(example).toString(), "--out", out.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(0, exit, () -> "compile " + example + " failed: " + err);
        return out;
    }

    /** Generated files other than plan.json (ExamplesTest pins that). */
    private static List<Path> generated(Path out) {
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("plan.json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
