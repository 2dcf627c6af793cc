package dev.fsc.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fsc.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The files only each example's {@code prod} environment has, pinned under {@code cases/<example>/generated-prod/}:
 * its Airflow DAGs (EMR Serverless operators, S3 sensors; the task manifests beside them hold the SQL
 * {@link GeneratedFilesTest} already pins) and its Debezium connector configs ({@code connect/}).
 * {@link GeneratedFilesTest} pins the local DAG.
 */
class ProdFilesTest {
    private static final Path EXAMPLES = Path.of("..", "specs", "examples").toAbsolutePath().normalize();
    private static final List<String> FOLDERS = List.of("airflow", "connect");

    @TestFactory
    Stream<DynamicTest> prodFilesArePinned() throws IOException {
        List<DynamicTest> tests = new java.util.ArrayList<>();
        for (String example : List.of("marketplace", "dispatch")) {
            Path out = Path.of("target", "generated-prod", example).toAbsolutePath();
            StringWriter err = new StringWriter();
            int exit = Main.run(new String[] {"compile", "--project", EXAMPLES.resolve(example).toString(), "--env", "prod",
                    "--out", out.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err));
            assertEquals(0, exit, () -> "compile " + example + " --env prod failed: " + err);
            for (String folder : FOLDERS) {
                try (Stream<Path> files = Files.list(out.resolve(folder))) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        String fileName = file.getFileName().toString();
                        int dot = fileName.lastIndexOf('.');
                        tests.add(DynamicTest.dynamicTest(example + "/" + folder + "/" + fileName, () -> GoldenFile.verify(
                                Files.readString(file), "cases", example + "/generated-prod/" + folder,
                                fileName.substring(0, dot), fileName.substring(dot))));
                    }
                }
            }
        }
        return tests.stream();
    }
}
