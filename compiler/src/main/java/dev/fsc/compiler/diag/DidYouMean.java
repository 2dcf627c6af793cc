package dev.fsc.compiler.diag;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Suggests the closest known name for a misspelt one (edit distance), as compilers do. */
public final class DidYouMean {
    private DidYouMean() {
    }

    /** The closest candidate, if it is close enough to be a plausible typo. */
    public static Optional<String> closest(String wrong, Collection<String> candidates) {
        String lowered = wrong.toLowerCase();
        return candidates.stream()
                .filter(c -> !c.equals(wrong))
                .min(Comparator.comparingInt((String c) -> distance(lowered, c.toLowerCase())).thenComparing(c -> c))
                .filter(c -> distance(lowered, c.toLowerCase()) <= Math.max(1, Math.min(c.length(), wrong.length()) / 3)
                        || c.toLowerCase().equals(lowered));
    }

    /** A "did you mean `x`?" hint, if some candidate is close. */
    public static Optional<String> hint(String wrong, Collection<String> candidates) {
        return closest(wrong, candidates).map(c -> "did you mean `" + c + "`?");
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
