package dev.fsc.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fsc.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reviewer's view of a one-feature change: editing one feature's expression in a copy of marketplace changes,
 * in the generated DAGs only the pinned hashes of the tasks whose SQL reads that feature — the view's tiles and
 * the datasets that select it — and nothing else.
 */
class AirflowDagDiffTest {
    private static final Path MARKETPLACE = Path.of("..", "specs", "examples", "marketplace").toAbsolutePath().normalize();

    @Test
    void changingOneFeatureExpressionChangesOnlyItsTasksHashes(@TempDir Path tmp) throws IOException {
        Path project = tmp.resolve("marketplace");
        copy(MARKETPLACE, project);
        List<String> before = dag(project, tmp.resolve("before"));

        Path view = project.resolve("features/user_order_stats.yaml");
        String spec = Files.readString(view);
        String edited = spec.replace("  - name: spend_usd\n    expr: amount_usd\n", "  - name: spend_usd\n    expr: amount_usd * 2\n");
        assertEquals(false, edited.equals(spec), "the edit did not apply");
        Files.writeString(view, edited);
        List<String> after = dag(project, tmp.resolve("after"));

        assertEquals(before.size(), after.size(), "lines added or removed");
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                String[] fileAndLine = after.get(i).split(": ", 2);
                changed.add(fileAndLine[0] + ": " + fileAndLine[1].strip().replaceAll("[0-9a-f]{16}", "<hash>"));
            }
        }
        assertEquals(List.of(
                "novamind_daily.py: bash_command=RUN_TASK + \"tiles_user_order_stats --task-hash <hash>\",",
                "novamind_fraud_training.py: bash_command=RUN_TASK + \"dataset_fraud_training --task-hash <hash>\",",
                "novamind_ranking_training.py: bash_command=RUN_TASK + \"dataset_ranking_training --task-hash <hash>\","), changed);
    }

    private static List<String> dag(Path project, Path out) throws IOException {
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"compile", "--project", project.toString(), "--out", out.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(0, exit, () -> "compile failed: " + err);
        List<String> lines = new ArrayList<>();
        try (Stream<Path> dags = Files.list(out.resolve("airflow"))) {
            for (Path dag : dags.filter(f -> f.toString().endsWith(".py")).sorted().toList()) {
                Files.readAllLines(dag).forEach(line -> lines.add(dag.getFileName() + ": " + line));
            }
        }
        return lines;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path relative = from.relativize(f);
                if (relative.startsWith("data") || relative.startsWith(".fsc")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
