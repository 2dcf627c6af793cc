package dev.fsc.cli.sample;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Ranks 0..n-1 drawn with probability proportional to 1/(rank+1)^s: a few ranks are hot, most are cold. */
final class Zipf {
    private final double[] cumulative;

    Zipf(int n, double exponent) {
        cumulative = new double[Math.max(1, n)];
        double sum = 0;
        for (int i = 0; i < cumulative.length; i++) {
            sum += 1 / StrictMath.pow(i + 1, exponent);
            cumulative[i] = sum;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= sum;
        }
    }

    int size() {
        return cumulative.length;
    }

    int sample(SplittableRandom rng) {
        int at = Arrays.binarySearch(cumulative, rng.nextDouble());
        return Math.min(cumulative.length - 1, at >= 0 ? at : -at - 1);
    }
}
