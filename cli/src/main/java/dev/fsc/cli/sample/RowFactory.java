package dev.fsc.cli.sample;

import dev.fsc.compiler.model.Source;
import dev.fsc.compiler.spec.Located;
import dev.fsc.compiler.spec.QualityCheck;
import dev.fsc.compiler.spec.SourceSpec.SourceType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Makes the rows of one source: each column filled by its role (event time, key drawn from its domain,
 * a new id, a lifecycle state, a plain value), then redrawn until the source's {@code expect} checks
 * hold and its {@code unique} and dedup keys are not repeated. CDC rows are created once and then
 * updated: the state column moves along its lifecycle and an occasional attribute changes.
 */
final class RowFactory {
    /** How a column gets its values. */
    enum Role { EVENT_TIME, CDC_KEY, FRESH, FRESH_REF, KEY_REF, STATE, FIXED_TIME, TIME_BEFORE, PLAIN }

    /** How far back a reference to another source's per-event id looks (a click on a recent impression). */
    static final long REFERENCE_WINDOW_MS = 3_600_000L;
    private static final int ATTEMPTS = 40;

    private final List<ColumnRule> rules;
    private final List<String> names;
    private final Role[] roles;
    private final KeyDomain[] domains;
    private final int eventTime;
    private final boolean cdc;
    private final ExpectChecks expects;
    private final List<int[]> uniqueKeys = new ArrayList<>();
    private final List<Set<List<Object>>> seen = new ArrayList<>();
    private final int[] mutable;
    private int unsatisfied;

    RowFactory(Source source, Map<String, ColumnRule> columnRules, KeyDomains keyDomains) {
        this.rules = List.copyOf(columnRules.values());
        this.cdc = source.spec().type().value() == SourceType.CDC;
        this.expects = new ExpectChecks(source);
        int n = rules.size();
        roles = new Role[n];
        domains = new KeyDomain[n];
        String eventTimeName = source.spec().eventTime().map(Located::value).orElse("");
        names = rules.stream().map(ColumnRule::name).toList();
        eventTime = names.indexOf(eventTimeName);
        boolean stateChosen = false;
        List<Integer> changeable = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ColumnRule rule = rules.get(i);
            String name = rule.name();
            KeyDomain domain = keyDomains.of(source.name(), name).orElse(null);
            domains[i] = domain;
            if (i == eventTime) {
                roles[i] = Role.EVENT_TIME;
            } else if (domain != null && (keyDomains.isCdcKey(source.name(), name) || isFirstOfCompositeKey(source, name))) {
                roles[i] = Role.CDC_KEY;
            } else if (domain != null && keyDomains.isFreshOwner(source.name(), name)) {
                roles[i] = Role.FRESH;
            } else if (domain != null) {
                roles[i] = domain.freshOwned() ? Role.FRESH_REF : Role.KEY_REF;
            } else if (cdc && !stateChosen && !rule.accepted().isEmpty() && isStateName(name)) {
                roles[i] = Role.STATE;
                stateChosen = true;
            } else if (rule.type().kind() == ColumnType.Kind.TIMESTAMP) {
                roles[i] = cdc ? Role.FIXED_TIME : Role.TIME_BEFORE;
            } else {
                roles[i] = Role.PLAIN;
                ColumnType.Kind kind = rule.type().kind();
                if (rule.accepted().isEmpty() && kind != ColumnType.Kind.DATE && kind != ColumnType.Kind.TIME) {
                    changeable.add(i);
                }
            }
        }
        mutable = changeable.stream().mapToInt(Integer::intValue).toArray();
        List<List<String>> keys = new ArrayList<>();
        if (cdc) {
            List<String> pk = source.spec().primaryKey().stream().map(Located::value).toList();
            if (pk.size() > 1) {
                keys.add(pk);
            }
        } else {
            source.spec().dedup().ifPresent(d -> keys.add(d.key().stream().map(Located::value).toList()));
            source.spec().quality().stream().filter(q -> q instanceof QualityCheck.Unique)
                    .forEach(q -> keys.add(((QualityCheck.Unique) q).columns().stream().map(Located::value).toList()));
        }
        for (List<String> key : keys) {
            int[] indices = key.stream().mapToInt(names::indexOf).toArray();
            boolean alreadyUnique = Arrays.stream(indices).anyMatch(i -> i < 0 || roles[i] == Role.FRESH);
            if (!alreadyUnique && uniqueKeys.stream().noneMatch(k -> Arrays.equals(k, indices))) {
                uniqueKeys.add(indices);
                seen.add(new HashSet<>());
            }
        }
    }

    /**
     * The first column of a CDC table's composite primary key walks through its whole domain, row by row,
     * so every key other sources draw has rows in the table.
     */
    private boolean isFirstOfCompositeKey(Source source, String name) {
        List<Located<String>> pk = source.spec().primaryKey();
        return cdc && pk.size() > 1 && pk.get(0).value().equals(name);
    }

    private static boolean isStateName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("status") || n.equals("state") || n.endsWith("_status") || n.endsWith("_state");
    }

    List<String> columnNames() {
        return names;
    }

    List<ColumnRule> rules() {
        return rules;
    }

    int eventTimeIndex() {
        return eventTime;
    }

    /** Rows kept although an {@code expect} check failed or a unique key repeated after every redraw (0 for the examples). */
    int unsatisfied() {
        return unsatisfied;
    }

    /**
     * A new row at time {@code t}. For CDC, {@code rowIndex} is the row's key in its domain and a
     * snapshot row starts in a random state instead of the first one.
     */
    Object[] create(SplittableRandom rng, long t, long rowIndex, boolean snapshot) {
        Object[] row = new Object[rules.size()];
        boolean[] inherited = new boolean[row.length];
        if (eventTime >= 0) {
            row[eventTime] = instant(t, eventTime);
        }
        for (int i = 0; i < row.length; i++) {
            if (roles[i] == Role.CDC_KEY) {
                row[i] = domains[i].value(rowIndex % domains[i].size());
            } else if (roles[i] == Role.FRESH) {
                row[i] = domains[i].value(domains[i].issuedCount());
            }
        }
        for (int i = 0; i < row.length; i++) {
            if (roles[i] == Role.FRESH_REF) {
                drawReference(i, row, inherited, rng, t);
            }
        }
        for (int i = 0; i < row.length; i++) {
            if (!inherited[i] && roles[i] != Role.EVENT_TIME && roles[i] != Role.CDC_KEY && roles[i] != Role.FRESH
                    && roles[i] != Role.FRESH_REF) {
                row[i] = roles[i] == Role.STATE && !snapshot ? rules.get(i).accepted().get(0) : draw(i, rng, t);
            }
        }
        t = settle(row, rng, t, false);
        Map<KeyDomain, Object> keys = new IdentityHashMap<>();
        for (int i = 0; i < row.length; i++) {
            if (domains[i] != null && roles[i] != Role.FRESH && row[i] != null) {
                keys.putIfAbsent(domains[i], row[i]);
            }
        }
        for (int i = 0; i < row.length; i++) {
            if (roles[i] == Role.FRESH) {
                domains[i].issue(t, keys);
            }
        }
        return row;
    }

    /** The next version of a CDC row at time {@code t}: its state moves on and maybe one attribute changes. */
    Object[] update(SplittableRandom rng, Object[] previous, long t) {
        Object[] row = previous.clone();
        if (eventTime >= 0) {
            row[eventTime] = instant(t, eventTime);
        }
        boolean hasState = false;
        for (int i = 0; i < row.length; i++) {
            if (roles[i] == Role.STATE) {
                row[i] = nextState(rules.get(i).accepted(), (String) row[i], rng);
                hasState = true;
            }
        }
        if (mutable.length > 0 && (!hasState || rng.nextDouble() < 0.5)) {
            int i = mutable[rng.nextInt(mutable.length)];
            row[i] = nullable(i, rng) ? null : draw(i, rng, t);
        }
        settle(row, rng, t, true);
        return row;
    }

    private static String nextState(List<String> states, String current, SplittableRandom rng) {
        int at = current == null ? -1 : states.indexOf(current);
        if (at < 0) {
            return states.get(0);
        }
        if (states.size() == 1) {
            return current;
        }
        if (at + 1 == states.size()) {
            int other = rng.nextInt(states.size() - 1);
            return states.get(other >= at ? other + 1 : other);
        }
        if (rng.nextDouble() < 0.75) {
            return states.get(at + 1);
        }
        return states.get(at + 1 + rng.nextInt(states.size() - at - 1));
    }

    private void drawReference(int i, Object[] row, boolean[] inherited, SplittableRandom rng, long t) {
        if (nullable(i, rng)) {
            row[i] = null;
            return;
        }
        KeyDomain.Issued parent = domains[i].recent(rng, t, REFERENCE_WINDOW_MS);
        if (parent == null || (parent.time() > t && rules.get(i).nullable())) {
            // nothing issued yet (or only later): no reference if the column may be NULL
            row[i] = parent == null ? domains[i].draw(rng, t) : null;
            inherited[i] = true;
            return;
        }
        row[i] = parent.value();
        for (int j = 0; j < row.length; j++) {
            Object value = domains[j] == null ? null : parent.keys().get(domains[j]);
            if (j != i && value != null && (roles[j] == Role.KEY_REF) && !inherited[j]) {
                row[j] = value;
                inherited[j] = true;
            }
        }
        inherited[i] = true;
    }

    private boolean nullable(int i, SplittableRandom rng) {
        double rate = rules.get(i).nullRate();
        return rate > 0 && rng.nextDouble() < rate;
    }

    private Object draw(int i, SplittableRandom rng, long t) {
        return nullable(i, rng) ? null : drawValue(i, rng, t);
    }

    private Object drawValue(int i, SplittableRandom rng, long t) {
        ColumnRule rule = rules.get(i);
        return switch (roles[i]) {
            case KEY_REF -> domains[i].draw(rng, t);
            case FRESH_REF -> {
                KeyDomain.Issued parent = domains[i].recent(rng, t, REFERENCE_WINDOW_MS);
                yield parent == null ? domains[i].draw(rng, t) : parent.value();
            }
            case STATE -> ValueGenerator.pick(rule.accepted(), rng);
            case FIXED_TIME -> instant(t, i);
            case TIME_BEFORE -> instant(t - rng.nextLong(2 * 3_600_000L), i);
            default -> ValueGenerator.value(rule, rng, t);
        };
    }

    private Instant instant(long t, int column) {
        return Instant.ofEpochMilli(ValueGenerator.truncate(t, rules.get(column).type().precision()));
    }

    private boolean redrawable(int i, boolean update) {
        if (update) {
            return Arrays.stream(mutable).anyMatch(m -> m == i);
        }
        return switch (roles[i]) {
            case EVENT_TIME, CDC_KEY, FRESH, FIXED_TIME -> false;
            case STATE -> false;
            default -> true;
        };
    }

    /** Redraws until the row passes the checks; returns the (possibly nudged) event time. */
    private long settle(Object[] row, SplittableRandom rng, long t, boolean update) {
        for (int attempt = 0; ; attempt++) {
            Set<String> failing = expects.failing(asMap(row));
            int clash = failing.isEmpty() && !update ? clash(row) : -1;
            if (failing.isEmpty() && clash < 0) {
                break;
            }
            List<Integer> redraw = new ArrayList<>();
            if (!failing.isEmpty()) {
                failing.stream().map(names::indexOf).filter(i -> i >= 0 && redrawable(i, update)).forEach(redraw::add);
            } else {
                Arrays.stream(uniqueKeys.get(clash)).filter(i -> redrawable(i, update)).forEach(redraw::add);
            }
            if (clash >= 0 && eventTime >= 0 && (redraw.isEmpty() || attempt >= ATTEMPTS)
                    && Arrays.stream(uniqueKeys.get(clash)).anyMatch(i -> i == eventTime) && attempt < ATTEMPTS + 10_000) {
                t += 1;
                row[eventTime] = instant(t, eventTime);
                continue;
            }
            if (redraw.isEmpty() || attempt >= ATTEMPTS) {
                unsatisfied++;
                break;
            }
            for (int i : redraw) {
                // first keep which columns are NULL (so the checks do not favour NULLs), then let that change too
                if (attempt >= ATTEMPTS / 2) {
                    row[i] = draw(i, rng, t);
                } else if (row[i] != null) {
                    row[i] = drawValue(i, rng, t);
                }
            }
        }
        if (!update) {
            remember(row);
        }
        return t;
    }

    private Map<String, Object> asMap(Object[] row) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < row.length; i++) {
            map.put(rules.get(i).name(), row[i]);
        }
        return map;
    }

    private int clash(Object[] row) {
        for (int k = 0; k < uniqueKeys.size(); k++) {
            List<Object> key = key(row, uniqueKeys.get(k));
            if (key != null && seen.get(k).contains(key)) {
                return k;
            }
        }
        return -1;
    }

    private void remember(Object[] row) {
        for (int k = 0; k < uniqueKeys.size(); k++) {
            List<Object> key = key(row, uniqueKeys.get(k));
            if (key != null) {
                seen.get(k).add(key);
            }
        }
    }

    private static List<Object> key(Object[] row, int[] columns) {
        List<Object> key = new ArrayList<>(columns.length);
        for (int c : columns) {
            if (row[c] == null) {
                return null;
            }
            key.add(row[c]);
        }
        return key;
    }
}
