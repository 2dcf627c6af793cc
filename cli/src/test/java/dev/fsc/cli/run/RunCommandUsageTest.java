package dev.fsc.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes with `fsc run`, `fsc run-task` and `fsc dataset export` are caught before any Spark starts, with a clear message. */
class RunCommandUsageTest {
    @TempDir
    Path project;

    @BeforeEach
    void smallProject() throws IOException {
        Files.writeString(project.resolve("fsc.yaml"), "project: p\nenvironments:\n  local:\n    inputs:\n      orders: data/orders.jsonl\n");
        Files.writeString(project.resolve("orders.yaml"), "kind: source\nname: orders\ntype: stream\nstream: { topic: t, format: json }\n"
                + "event_time: ts\ncolumns: { user_id: BIGINT, ts: TIMESTAMP(3) }\n");
        Files.writeString(project.resolve("user.yaml"), "kind: entity\nname: user\nkeys: { user_id: BIGINT }\n");
        Files.writeString(project.resolve("d.yaml"), "kind: feature_view\nname: v\nentity: user\nsource: orders\nfeatures:\n"
                + "  - name: n\n    agg: count\n    windows: [1h]\n---\nkind: dataset\nname: d\nspine:\n  source: orders\n"
                + "  timestamp: ts\n  keys: { user: user_id }\nfeatures:\n  - v.*\n");
    }

    private record Outcome(int exit, String out, String err) {
    }

    private Outcome fsc(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(exit, out.toString(), err.toString());
    }

    private void assertUsage(String expected, String... args) {
        Outcome o = fsc(args);
        assertEquals(2, o.exit(), o.err());
        assertTrue(o.err().contains(expected), o.err());
        assertFalse(o.err().contains("Exception"), o.err());
    }

    @Test
    void daysAreRequiredAndChecked() {
        String p = project.toString();
        assertUsage("which days?", "run", "--project", p);
        assertUsage("is before --from", "run", "--project", p, "--from", "2026-10-02", "--to", "2026-10-01");
        assertUsage("not a date", "run", "--project", p, "--date", "2026-13-01");
        assertUsage("either --date or --from/--to", "run", "--project", p, "--date", "2026-10-01", "--from", "2026-10-01");
        assertUsage("runs the local environment only", "run", "--project", p, "--env", "prod", "--date", "2026-10-01");
    }

    @Test
    void aMissingInputFileIsAUserErrorWithAHint() {
        Outcome o = fsc("run", "--project", project.toString(), "--date", "2026-10-01");
        assertEquals(1, o.exit(), o.err());
        assertTrue(o.err().contains("local input of source `orders` does not exist") && o.err().contains("fsc sample-data"), o.err());
        assertFalse(Files.exists(project.resolve(".fsc/warehouse")), "nothing was written");
    }

    @Test
    void exportNamesWhatExists() {
        String p = project.toString();
        assertUsage("no dataset named `nope`; datasets: d", "dataset", "export", "nope", "--project", p, "--out", "x.jsonl");
        assertUsage("name a dataset, or give --table", "dataset", "export", "--project", p, "--out", "x.jsonl");
        assertUsage("--table wants namespace.table", "dataset", "export", "--table", "x; DROP TABLE y", "--project", p, "--out", "x");
        Outcome o = fsc("dataset", "export", "d", "--project", p, "--out", "x.jsonl");
        assertEquals(1, o.exit(), o.err());
        assertTrue(o.err().contains("nothing built yet"), o.err());
    }

    @Test
    void runTaskNamesTheDagsTasksAndRefusesAStaleHash() throws IOException {
        String p = project.toString();
        Files.createDirectories(project.resolve("data"));
        Files.writeString(project.resolve("data/orders.jsonl"), "");
        assertUsage("no Spark task `nope` in the project's DAGs; their tasks: p_daily: silver_orders, tiles_v, publish; p_d: dataset_d, publish_d",
                "run-task", "nope", "--project", p, "--ds", "2026-10-01");
        assertUsage("no Spark task `wait_for_orders`", "run-task", "wait_for_orders", "--project", p, "--ds", "2026-10-01");
        assertUsage("--ds is not a date", "run-task", "publish", "--project", p, "--ds", "yesterday");
        assertUsage("runs the local environment only", "run-task", "publish", "--project", p, "--env", "prod", "--ds", "2026-10-01");
        Outcome stale = fsc("run-task", "tiles_v", "--project", p, "--ds", "2026-10-01", "--task-hash", "0000000000000000");
        assertEquals(1, stale.exit(), stale.err());
        assertTrue(stale.err().contains("the specs changed since the DAG was generated") && stale.err().contains("fsc compile --env local"),
                stale.err());
        assertFalse(Files.exists(project.resolve(".fsc/runs")), "nothing ran");
    }
}
