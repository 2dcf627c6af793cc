package dev.fsc.bench.pit;

import java.nio.file.Path;
import java.util.List;

/**
 * One benchmark case: a build side (the values: key, ts, seq, value) and a probe side (the questions:
 * pid, key, t). Uniform scenarios at the same size share one build data set; only the probes differ.
 *
 * @param name table label, e.g. {@code uniform 100:1}
 * @param buildRows rows on the build side
 * @param probeRows rows on the probe side
 * @param keys distinct keys the rows are spread over
 * @param zipfS 0 for uniform keys, else the Zipf exponent (key rank r gets a share proportional to 1/r^s)
 */
public record Scenario(String name, long buildRows, long probeRows, int keys, double zipfS) implements java.io.Serializable {

    /** Seed of every generated value; change it and every data set is regenerated. */
    public static final long SEED = 20261122L;

    /** TTL of the "with ttl" variants: a value older than this at t does not count. */
    public static final int TTL_DAYS = 30;

    /** The scenarios run by default. Sizes: -Dpit.build=N build rows (default 10 M), -Dpit.keys=N keys
     * (default build/100), -Dpit.zipf=S exponent of the skewed scenario (default 1.2). */
    public static List<Scenario> defaults() {
        long b = Long.getLong("pit.build", 10_000_000L);
        int k = Integer.getInteger("pit.keys", (int) (b / 100)); // 100 build rows per key on average
        double s = Double.parseDouble(System.getProperty("pit.zipf", "1.2"));
        return List.of(
                new Scenario("uniform 10:1", b, b / 10, k, 0),
                new Scenario("uniform 100:1", b, b / 100, k, 0),
                new Scenario("uniform 1000:1", b, b / 1000, k, 0),
                new Scenario("skewed 100:1", b, b / 100, k, s));
    }

    /** Only the scenarios whose name contains one of the comma-separated filters (all when null/empty). */
    public static List<Scenario> selected(String filter) {
        if (filter == null || filter.isBlank()) {
            return defaults();
        }
        List<String> parts = List.of(filter.split(","));
        return defaults().stream().filter(s -> parts.stream().anyMatch(p -> s.name().contains(p.trim()))).toList();
    }

    public boolean skewed() {
        return zipfS > 0;
    }

    /** Folder name of the build data set (shared by the uniform scenarios). */
    public String buildId() {
        return "build-" + buildRows + "-k" + keys + (skewed() ? "-zipf" + zipfS : "-uniform") + "-s" + SEED;
    }

    /** Folder name of the probe data set. */
    public String probeId() {
        return "probe-" + probeRows + "-of-" + buildId();
    }

    public Path buildDir(Path data) {
        return data.resolve(buildId());
    }

    public Path probeDir(Path data) {
        return data.resolve(probeId());
    }

    /** {@code 10:1} etc. */
    public String ratio() {
        return (buildRows / probeRows) + ":1";
    }
}
