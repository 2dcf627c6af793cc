package dev.fsc.cli.sample;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Small random helpers over a seeded {@link SplittableRandom}, and stable seeds derived from names. */
final class Draw {
    private Draw() {
    }

    /** A seed for the part of the data named {@code name}: independent of JVM, locale and hash-map order. */
    static long seed(long seed, String name) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return mix(seed * 0x9E3779B97F4A7C15L + hash);
    }

    static SplittableRandom random(long seed, String name) {
        return new SplittableRandom(seed(seed, name));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static boolean chance(SplittableRandom rng, double p) {
        return rng.nextDouble() < p;
    }

    /** An exponentially distributed duration with the given mean (ms), at least 1. */
    static long exponential(SplittableRandom rng, double meanMs) {
        return Math.max(1, (long) (-meanMs * StrictMath.log(1 - rng.nextDouble())));
    }

    /** Uniform in [from, to] (inclusive); {@code from} when the range is empty. */
    static long between(SplittableRandom rng, long from, long to) {
        return to <= from ? from : from + rng.nextLong(to - from + 1);
    }

    /** {@code count} distinct indices in [0, n), in increasing order. */
    static int[] pick(SplittableRandom rng, int n, int count) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        int k = Math.min(count, n);
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] chosen = java.util.Arrays.copyOf(all, k);
        java.util.Arrays.sort(chosen);
        return chosen;
    }
}
