package dev.fsc.e2e.oracle;

import java.time.Duration;
import java.util.List;

/**
 * One feature of a view: {@code agg(expr)} over each of its windows ({@code <name>_<window>}), or
 * over every event up to t when it has none (bare {@code <name>}).
 *
 * @param expr null for {@code count(*)}
 */
record Feature(String name, Agg agg, Expr expr, List<Window> windows) {

    /**
     * A window of size W read with tiles of size g: {@code floor_g(t - W) <= event_time <= t}.
     *
     * @param label the window as the spec writes it, which names the output column ({@code 24h} stays {@code 24h})
     */
    record Window(String label, Duration size, Duration tile) {
        /** {@code "24h/1m"}: a 24h window with 1m tiles, as {@code fsc explain} lists them. */
        static Window parse(String sizeSlashTile) {
            String[] parts = sizeSlashTile.split("/");
            return new Window(parts[0], Times.duration(parts[0]), Times.duration(parts[1]));
        }

        /** The earliest event time the window reads at t. */
        long start(long t) {
            return Times.floor(t - size.toMillis(), tile);
        }
    }

    String column(Window w) {
        return w == null ? name : name + "_" + w.label();
    }
}
