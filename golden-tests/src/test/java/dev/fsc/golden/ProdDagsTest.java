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
 * The Airflow DAG each example generates for its {@code prod} environment (EMR Serverless operators, S3 sensors),
 * pinned under {@code cases/<example>/generated-prod/airflow/} (the task manifests beside it hold the SQL
 * {@link GeneratedFilesTest} already pins); {@link GeneratedFilesTest} pins the local DAG.
 */
class ProdDagsTest {
    private static final Path EXAMPLES = Path.of("..", "specs", "examples").toAbsolutePath().normalize();

    @TestFactory
    Stream<DynamicTest> prodDagsArePinned() throws IOException {
        List<DynamicTest> tests = new java.util.ArrayList<>();
        for (String example : List.of("marketplace", "dispatch")) {
            Path out = Path.of("target", "generated-prod", example).toAbsolutePath();
            StringWriter err = new StringWriter();
            int exit = Main.run(new String[] {"compile", "--project", EXAMPLES.resolve(example).toString(), "--env", "prod",
                    "--out", out.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err));
            assertEquals(0, exit, () -> "compile " + example + " --env prod failed: " + err);
            try (Stream<Path> dags = Files.list(out.resolve("airflow"))) {
                for (Path dag : dags.filter(f -> f.toString().endsWith(".py")).sorted().toList()) {
                    String name = dag.getFileName().toString().replaceFirst("\\.py$", "");
                    tests.add(DynamicTest.dynamicTest(example + "/airflow/" + name + ".py", () -> GoldenFile.verify(
                            Files.readString(dag), "cases", example + "/generated-prod/airflow", name, ".py")));
                }
            }
        }
        return tests.stream();
    }
}
