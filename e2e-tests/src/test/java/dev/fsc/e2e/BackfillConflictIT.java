package dev.fsc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.cli.Main;
import dev.fsc.cli.backfill.TableRefs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No lost appends: when a live job commits to main of a table while a backfill waits on its branch, a
 * fast-forward would drop that commit, so {@code fsc backfill publish} refuses, changes nothing, and says what
 * to do; {@code fsc backfill abort} then drops the branch and leaves main as the live job left it.
 */
class BackfillConflictIT {
    private static final Path WORK = Path.of(System.getProperty("fsc.it.dir", "target/it")).toAbsolutePath();
    private static final LocalDate DAY = LocalDate.parse("2026-10-01");

    @Test
    void publishRefusesWhenMainMovedAndAbortDropsTheBranch() throws IOException {
        Path dir = WORK.resolve("backfill-conflict");
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        ExampleProject project = ExampleProject.copy("marketplace", Files.createDirectories(dir));
        project.sampleData(DAY, 1, 30);
        String ready = ExampleProject.fsc("backfill", "--project", project.root().toString(), "--from", DAY.toString(),
                "--to", DAY.toString(), "--view", "item_click_stats", "--no-publish");
        Matcher id = Pattern.compile("backfill (\\S+): ready on branch").matcher(ready);
        assertTrue(id.find(), ready);
        Path warehouse = project.root().resolve(".fsc/warehouse");
        String branch = "backfill-" + id.group(1);
        assertTrue(TableRefs.scan(warehouse).get("gold.item_click_stats__tiles_1m").ref(branch).isPresent());

        project.run(DAY, DAY); // the live job: commits to main of the same tables
        MainSnapshot afterLiveJob = MainSnapshot.of(warehouse);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"backfill", "publish", id.group(1), "--project", project.root().toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(1, exit, out + "\n" + err);
        assertTrue(out.toString().contains("refusing to publish: main moved since the backfill branched on")
                && out.toString().contains("Nothing was published") && out.toString().contains("fsc backfill abort"), out.toString());
        assertEquals("", MainSnapshot.of(warehouse).differencesFrom(afterLiveJob, Set.of()), "a refused publish changed main");

        String aborted = ExampleProject.fsc("backfill", "abort", id.group(1), "--project", project.root().toString());
        assertTrue(aborted.contains("aborted"), aborted);
        TableRefs.scan(warehouse).forEach((table, refs) -> assertTrue(refs.ref(branch).isEmpty(), table + " still has " + branch));
        assertEquals("", MainSnapshot.of(warehouse).differencesFrom(afterLiveJob, Set.of()), "abort changed main");
    }
}
