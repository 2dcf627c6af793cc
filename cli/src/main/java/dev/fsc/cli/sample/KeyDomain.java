package dev.fsc.cli.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One key space shared by every column that holds the same kind of id ({@code user_id} in clicks, orders
 * and users; {@code product_id} of catalog with {@code item_id}). Values are drawn with a Zipf skew so a few
 * keys are hot. A CDC table keyed by the domain gives each key a lifetime (created, deleted) and draws only
 * pick live keys; a stream whose rows each get a new id ({@code impression_id}) issues values, and other
 * sources refer back to recently issued ones.
 */
final class KeyDomain {
    enum Kind { INTEGER, STRING }

    /** A value issued to one row of an owning source, with that row's other keys (by domain). */
    record Issued(long time, Object value, Map<KeyDomain, Object> keys) {
    }

    static final double SKEW = 0.9;

    private final String name;
    private final Kind kind;
    private final List<String> members;
    private final List<String> accepted;
    private final int size;
    private final long base;
    private final String stem;
    private final boolean freshOwned;
    private final Zipf zipf;
    private final int[] byRank;
    private long[] born;
    private long[] died;
    private long nextFresh;
    private final List<Issued> issued = new ArrayList<>();

    KeyDomain(String name, Kind kind, List<String> members, List<String> accepted, int size, long base, String stem,
              boolean freshOwned, long seed) {
        this.name = name;
        this.kind = kind;
        this.members = List.copyOf(members);
        this.accepted = List.copyOf(accepted);
        this.size = accepted.isEmpty() ? Math.max(1, size) : accepted.size();
        this.base = base;
        this.stem = stem;
        this.freshOwned = freshOwned;
        this.zipf = new Zipf(this.size, accepted.isEmpty() ? SKEW : 0.6);
        this.byRank = new int[this.size];
        SplittableRandom rng = new SplittableRandom(Draw.seed(seed, "domain:" + name + ":" + members));
        for (int i = 0; i < this.size; i++) {
            byRank[i] = i;
        }
        if (accepted.isEmpty()) {
            for (int i = this.size - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = byRank[i];
                byRank[i] = byRank[j];
                byRank[j] = t;
            }
        }
    }

    String name() {
        return name;
    }

    Kind kind() {
        return kind;
    }

    /** {@code source.column} of every column in the domain. */
    List<String> members() {
        return members;
    }

    int size() {
        return size;
    }

    boolean freshOwned() {
        return freshOwned;
    }

    long issuedCount() {
        return nextFresh;
    }

    /** The key at an index: {@code base + index} for integers, {@code stem-N} for strings, or an accepted value. */
    Object value(long index) {
        if (!accepted.isEmpty()) {
            return accepted.get((int) index);
        }
        return kind == Kind.INTEGER ? (Object) (base + index) : stem + "-" + (index + 1);
    }

    /** Keys of a CDC table: key {@code i} exists from {@code born[i]} (inclusive) to {@code died[i]} (exclusive). */
    void lifetimes(long[] born, long[] died) {
        this.born = born.clone();
        this.died = died.clone();
    }

    private boolean alive(int index, long t) {
        return born == null || index >= born.length || (born[index] <= t && t < died[index]);
    }

    /** A skewed draw of a key that exists at {@code t}. */
    Object draw(SplittableRandom rng, long t) {
        int rank = zipf.sample(rng);
        for (int attempt = 0; attempt < 8 && !alive(byRank[rank], t); attempt++) {
            rank = zipf.sample(rng);
        }
        for (int step = 0; step < size && !alive(byRank[rank], t); step++) {
            rank = (rank + 1) % size;
        }
        return value(byRank[rank]);
    }

    /** A new value, never drawn before, for a row of an owning source at time {@code t}. */
    Object issue(long t, Map<KeyDomain, Object> keys) {
        Object value = value(nextFresh++);
        long time = issued.isEmpty() ? t : Math.max(t, issued.get(issued.size() - 1).time());
        issued.add(new Issued(time, value, keys));
        return value;
    }

    /**
     * A value issued at most {@code window} before {@code t} (the latest earlier one if none is that
     * recent, the first one if none is earlier), or null when nothing was issued yet.
     */
    Issued recent(SplittableRandom rng, long t, long window) {
        if (issued.isEmpty()) {
            return null;
        }
        int to = firstAfter(t);
        int from = firstAfter(t - window - 1);
        if (to == 0) {
            return issued.get(0);
        }
        if (from >= to) {
            return issued.get(to - 1);
        }
        return issued.get(from + rng.nextInt(to - from));
    }

    private int firstAfter(long t) {
        int lo = 0;
        int hi = issued.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (issued.get(mid).time() <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
