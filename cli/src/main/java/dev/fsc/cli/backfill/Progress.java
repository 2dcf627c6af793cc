package dev.fsc.cli.backfill;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * Shows how far a backfill is: on a terminal one bar redrawn in place (days done/total, rows, ETA); otherwise
 * (CI, pipes) the runner's lines and one plain line per finished chunk.
 */
final class Progress {
    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final boolean terminal;
    private final int total;
    private final int doneAtStart;
    private final long started = System.nanoTime();

    Progress(PrintWriter out, boolean terminal, int totalDays, int doneDays) {
        this.out = out;
        this.terminal = terminal;
        this.total = totalDays;
        this.doneAtStart = doneDays;
    }

    /**
     * A line of the Spark runner: passed through when not on a terminal, but for the runner's note on tables it
     * wrote and did not publish — a backfill's chunks never publish; the backfill does, at the end.
     */
    void runnerLine(String line) {
        if (!terminal && !(line.startsWith("note: ") && line.endsWith("main does not have these rows"))) {
            out.println("  " + line);
            out.flush();
        }
    }

    /** After a chunk: the new totals. */
    void update(int doneDays, long rows, String what) {
        String text = doneDays + "/" + total + " days, " + rows + " rows, " + eta(doneDays);
        if (terminal) {
            int filled = total == 0 ? WIDTH : WIDTH * doneDays / total;
            out.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + text + "   ");
        } else {
            out.println("backfill: " + what + "; " + text);
        }
        out.flush();
    }

    /** Ends the bar's line. */
    void finish() {
        if (terminal) {
            out.println();
            out.flush();
        }
    }

    private String eta(int doneDays) {
        int doneNow = doneDays - doneAtStart;
        if (doneDays >= total) {
            return "done in " + format(Duration.ofNanos(System.nanoTime() - started));
        }
        if (doneNow <= 0) {
            return "ETA unknown";
        }
        long perDay = (System.nanoTime() - started) / doneNow;
        return "ETA " + format(Duration.ofNanos(perDay * (total - doneDays)));
    }

    private static String format(Duration d) {
        return d.toHours() > 0 ? d.toHours() + "h" + String.format("%02dm", d.toMinutesPart())
                : d.toMinutes() > 0 ? d.toMinutes() + "m" + String.format("%02ds", d.toSecondsPart()) : d.toSeconds() + "s";
    }
}
