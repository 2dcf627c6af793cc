package dev.fsc.cli.sample;

import java.util.Locale;
import java.util.Map;

/** What was written for one source: the file, its line count and the edge cases planted in it. */
record FileReport(String source, String type, String path, long lines, Map<String, Object> details) {
    long count(String key) {
        return details.get(key) instanceof Number n ? n.longValue() : 0;
    }

    /** One progress line, e.g. {@code clicks: 6,121 events (121 duplicates, 63 late) -> data/clicks.jsonl}. */
    String summary(String shownPath) {
        if (type.equals("cdc")) {
            return String.format(Locale.ROOT, "%s: %,d change events (%,d rows: %,d snapshot, %,d created, %,d updates, %,d deletes) -> %s",
                    source, lines, count("rows"), count("snapshot"), count("creates"), count("updates"), count("deletes"), shownPath);
        }
        StringBuilder notes = new StringBuilder();
        if (details.containsKey("dedup")) {
            notes.append(String.format(Locale.ROOT, "%,d duplicates", count("duplicates")));
        }
        if (details.containsKey("lateness")) {
            notes.append(notes.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%,d late", count("late")));
        }
        return String.format(Locale.ROOT, "%s: %,d events%s -> %s", source, lines,
                notes.isEmpty() ? "" : " (" + notes + ")", shownPath);
    }
}
