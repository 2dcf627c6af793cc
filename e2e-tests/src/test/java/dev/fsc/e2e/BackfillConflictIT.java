package dev.fsc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.cli.Main;
import dev.fsc.cli.backfill.TableRefs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No lost appends: a live job keeps committing to main of the tables a backfill waits to publish. When its
 * commits touched other days, {@code fsc backfill publish} puts the backfill's change on top of them and keeps
 * them; when they touched a day the backfill rewrote, a fast-forward or a rebase would drop or double-count
 * rows, so publish refuses, changes nothing, and says what to do; {@code fsc backfill abort} then drops the
 * branch and leaves main as the live job left it.
 */
class BackfillConflictIT {
    private static final Path WORK = Path.of(System.getProperty("fsc.it.dir", "target/it")).toAbsolutePath();
    private static final LocalDate DAY = LocalDate.parse("2026-10-01");
    private static final LocalDate LIVE_DAY = DAY.plusDays(5);
    private static final String TILES = "gold.item_click_stats__tiles_1m";

    @Test
    void publishKeepsLiveCommitsAndRefusesWhenTheyTouchBackfilledDays() throws IOException {
        Path dir = WORK.resolve("backfill-conflict");
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        ExampleProject project = ExampleProject.copy("marketplace", Files.createDirectories(dir));
        project.sampleData(DAY, 1, 30);
        Path warehouse = project.root().resolve(".fsc/warehouse");

        // 1. a live batch run rewrites the backfilled day: publishing would lose rows, so it is refused
        String first = backfillWithoutPublishing(project);
        String branch = "backfill-" + first;
        project.run(DAY, DAY); // the live job: commits to main of the same tables
        MainSnapshot afterLiveJob = MainSnapshot.of(warehouse);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"backfill", "publish", first, "--project", project.root().toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(1, exit, out + "\n" + err);
        assertTrue(out.toString().contains("refusing to publish: main moved since branch " + branch + " was cut")
                && out.toString().contains("changed partition ds=" + DAY) && out.toString().contains("Nothing was published")
                && out.toString().contains("fsc backfill abort"), out.toString());
        assertEquals("", MainSnapshot.of(warehouse).differencesFrom(afterLiveJob, Set.of()), "a refused publish changed main");

        String aborted = ExampleProject.fsc("backfill", "abort", first, "--project", project.root().toString());
        assertTrue(aborted.contains("aborted"), aborted);
        TableRefs.scan(warehouse).forEach((table, refs) -> assertTrue(refs.ref(branch).isEmpty(), table + " still has " + branch));
        assertEquals("", MainSnapshot.of(warehouse).differencesFrom(afterLiveJob, Set.of()), "abort changed main");

        // 2. the streaming job appends a later day while the backfill waits: publish keeps its commits
        String second = backfillWithoutPublishing(project);
        project.sampleData(LIVE_DAY, 1, 30); // the stream's input: events of the later day only
        ExampleProject.fsc("stream", "--project", project.root().toString(), "--until-idle");
        List<String> streamed = project.contents(List.of(TILES), "live").get(TILES).stream()
                .filter(row -> row.contains("\"tile_start\":\"" + LIVE_DAY)).toList();
        assertFalse(streamed.isEmpty(), "the stream wrote no tiles of " + LIVE_DAY);
        String published = ExampleProject.fsc("backfill", "publish", second, "--project", project.root().toString());
        assertTrue(published.contains("their new commits are kept") && published.contains("published"), published);
        List<String> after = project.contents(List.of(TILES), "after-publish").get(TILES);
        assertTrue(after.containsAll(streamed), "a streamed commit was lost by the publish:\n" + after);
        assertTrue(after.stream().anyMatch(row -> row.contains("\"tile_start\":\"" + DAY)), "the backfilled day is on main:\n" + after);
    }

    /** Backfills DAY of the view onto a branch and leaves it there; returns the backfill's id. */
    private static String backfillWithoutPublishing(ExampleProject project) {
        String ready = ExampleProject.fsc("backfill", "--project", project.root().toString(), "--from", DAY.toString(),
                "--to", DAY.toString(), "--view", "item_click_stats", "--no-publish");
        Matcher id = Pattern.compile("backfill (\\S+): ready on branch").matcher(ready);
        assertTrue(id.find(), ready);
        Path warehouse = project.root().resolve(".fsc/warehouse");
        assertTrue(TableRefs.scan(warehouse).get(TILES).ref("backfill-" + id.group(1)).isPresent());
        return id.group(1);
    }
}
