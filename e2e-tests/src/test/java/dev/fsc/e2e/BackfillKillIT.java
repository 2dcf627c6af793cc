package dev.fsc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.cli.backfill.TableRefs;
import dev.fsc.common.json.Json;
import dev.fsc.e2e.CliProcess.KillPoint;
import dev.fsc.e2e.CliProcess.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code fsc backfill} killed (SIGKILL) at a dozen points — before Spark starts, inside steps of each chunk, on a
 * chunk boundary, with the CLI killed and its Spark runner left running, during the report, and at several points
 * of the publish — each time followed by {@code resume}. After every kill, main is checked byte for byte: every
 * table's main snapshot id and every data file main had are unchanged, except tables whose fast-forward committed
 * during a publish. The resumed backfill's tables must then equal those of an uninterrupted backfill.
 */
class BackfillKillIT {
    private static final Path WORK = Path.of(System.getProperty("fsc.it.dir", "target/it")).toAbsolutePath();
    private static final LocalDate START = LocalDate.parse("2026-10-01");
    private static final LocalDate LAST = START.plusDays(1);
    private static final Pattern ID = Pattern.compile("^backfill (\\d{8}-\\d{6}(?:-\\d+)?): ");

    @Test
    void killedBackfillsLeaveMainUntouchedAndResumeToTheResultOfAnUninterruptedOne() throws Exception {
        Path dir = fresh("backfill-kill");
        ExampleProject base = ExampleProject.copy("marketplace", dir.resolve("base"));
        base.sampleData(START, 2, 30);
        base.run(START, LAST);
        // a breaking change: item_clicks now counts every click twice, so the backfill changes values
        Path view = base.root().resolve("features/item_click_stats.yaml");
        String spec = Files.readString(view);
        Files.writeString(view, spec.replaceFirst("expr: is_click\n", "expr: is_click * 2\n"));
        assertNotEquals(spec, Files.readString(view));
        ExampleProject uninterrupted = new ExampleProject(copyTree(base.root(), dir.resolve("uninterrupted")));
        ExampleProject killed = new ExampleProject(copyTree(base.root(), dir.resolve("killed")));
        Path warehouse = killed.root().resolve(".fsc/warehouse");
        MainSnapshot before = MainSnapshot.of(warehouse);
        Map<String, List<String>> contentsBefore = killed.contents(List.copyOf(before.mains().keySet()), "before");

        List<String> start = List.of("backfill", "--project", ".", "--from", START.toString(), "--to", LAST.toString(),
                "--chunk-days", "1", "--parallelism", "2");
        // uninterrupted, in one chunk of both days: a chunked backfill must equal it
        List<String> oneChunk = new ArrayList<>(start);
        oneChunk.set(oneChunk.indexOf("--chunk-days") + 1, "2");
        Outcome full = CliProcess.run(uninterrupted.root(), oneChunk, null);
        assertEquals(0, full.exit(), full.text());
        assertTrue(full.text().contains("published"), full.text());

        long seed = Long.getLong("fsc.it.seed", 20261122L);
        Random random = new Random(seed);
        System.out.println("BackfillKillIT: kill points drawn with seed " + seed + " (-Dfsc.it.seed)");
        Predicate step = l -> l.matches("\\s+\\[\\d+/\\d+\\] .*");
        List<KillPoint> points = List.of(
                new KillPoint("before Spark started", l -> l.contains(" chunk(s), "), 1, false),
                new KillPoint("after the first step", step, 1, false),
                new KillPoint("inside a silver step's chunk", l -> l.contains("] silver_"), 1 + random.nextInt(4), false),
                new KillPoint("at a random step", step, 3 + random.nextInt(30), false),
                new KillPoint("on a chunk boundary", l -> l.startsWith("backfill: days "), 1, false),
                new KillPoint("the CLI alone, its runner left running", step, 2 + random.nextInt(20), true),
                new KillPoint("at a random step", step, 1 + random.nextInt(40), false),
                new KillPoint("while the report runs", l -> l.contains("] rows "), 1, false),
                new KillPoint("as the publish begins", l -> l.contains(": publishing "), 1, false),
                new KillPoint("after the first table's fast-forward", l -> l.contains("] publish_"), 1, false),
                new KillPoint("in the middle of the publish", l -> l.contains("] publish_"), 2 + random.nextInt(8), false),
                new KillPoint("while tagging the datasets", l -> l.contains("] tag_"), 1, false));

        String id = null;
        int kills = 0;
        boolean publishing = false;
        for (KillPoint point : points) {
            List<String> args = id == null ? start : List.of("backfill", "resume", id, "--project", ".");
            Outcome o = CliProcess.run(killed.root(), args, point);
            if (id == null) {
                id = o.lines().stream().map(ID::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst().orElseThrow(
                        () -> new AssertionError("no backfill id in:\n" + o.text()));
            }
            if (!o.killed()) {
                System.out.println("BackfillKillIT: the run ended before kill point '" + point.name() + "' (exit " + o.exit() + ")");
                break;
            }
            kills++;
            publishing |= o.text().contains(": publishing ");
            String branch = "backfill-" + id;
            // main before refs: a runner the kill left running may still publish, and a fast-forward removes the
            // branch in the same commit, so a main seen moved here has its branch gone in the scan below
            MainSnapshot now = MainSnapshot.of(warehouse);
            Set<String> journaled = ((Map<?, ?>) Json.parseObject(Files.readString(killed.root().resolve(".fsc/backfills/" + id
                    + "/state.json"), StandardCharsets.UTF_8)).get("published")).keySet().stream().map(String::valueOf)
                    .collect(Collectors.toSet());
            Set<String> fastForwarded = publishing ? TableRefs.scan(warehouse).entrySet().stream()
                    .filter(e -> e.getValue().ref(branch).isEmpty() && journaled.contains(e.getKey()))
                    .map(Map.Entry::getKey).collect(Collectors.toSet()) : Set.of();
            String moved = now.differencesFrom(before, fastForwarded);
            assertEquals("", moved, "killed " + point.name() + ": main changed\n" + o.text());
            if (point.name().equals("while the report runs")) { // the last kill before any publish: main's rows, read back
                assertEquals(contentsBefore, killed.contents(List.copyOf(before.mains().keySet()), "after-kills"),
                        "main's rows changed before the backfill was published");
            }
        }
        assertTrue(kills >= 10, "only " + kills + " kills happened");
        Outcome finish = CliProcess.run(killed.root(), List.of("backfill", "resume", id, "--project", "."), null);
        assertEquals(0, finish.exit(), finish.text());
        Map<String, Object> state = Json.parseObject(Files.readString(
                killed.root().resolve(".fsc/backfills/" + id + "/state.json"), StandardCharsets.UTF_8));
        assertEquals("published", state.get("status"), finish.text());

        List<String> tables = new ArrayList<>(((Map<?, ?>) state.get("published")).keySet().stream().map(String::valueOf).toList());
        assertTrue(tables.contains("gold.item_click_stats__tiles_1m"), tables.toString());
        Map<String, List<String>> resumed = withoutSketchBytes(killed.contents(tables, "resumed"));
        assertEquals(withoutSketchBytes(uninterrupted.contents(tables, "uninterrupted")), resumed,
                "resumed backfill differs from an uninterrupted one");
        assertNotEquals(withoutSketchBytes(contentsBefore).get("gold.item_click_stats__tiles_1m"),
                resumed.get("gold.item_click_stats__tiles_1m"),
                "the breaking change should have changed the tiles");
    }

    /**
     * Rows without their {@code count_distinct} sketch columns: a HyperLogLog sketch of the same values serializes
     * differently depending on the order they were added in, which chunking changes. What the sketches estimate is
     * still compared, in the datasets' {@code count_distinct} features.
     */
    private static Map<String, List<String>> withoutSketchBytes(Map<String, List<String>> contents) {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        contents.forEach((table, rows) -> out.put(table, rows.stream().map(row -> {
            Map<String, Object> json = new java.util.LinkedHashMap<>(Json.parseObject(row));
            json.keySet().removeIf(k -> k.endsWith("__sketch"));
            return Json.write(json);
        }).sorted().toList()));
        return out;
    }

    /** A line predicate (named, for the list of kill points). */
    private interface Predicate extends java.util.function.Predicate<String> {
    }

    private static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }

    private static Path fresh(String name) throws IOException {
        Path dir = WORK.resolve(name);
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return Files.createDirectories(dir);
    }
}
