package dev.fsc.cli.sample;

import dev.fsc.compiler.model.Model;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code MANIFEST.json} next to the generated files: the arguments that reproduce them, each file's line
 * count and planted edge cases (duplicates, late events, deletes, ...), and the key domains, so tests
 * and people know what to expect from the data.
 */
final class Manifest {
    private Manifest() {
    }

    static void write(Path file, Model model, GeneratorOptions options, List<SampleDataGenerator.Target> targets,
                      List<FileReport> reports, KeyDomains domains, Set<String> bound) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("generator", "fsc sample-data");
        root.put("project", model.project().project().value());
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("start", options.start().toString());
        args.put("days", options.days());
        args.put("events_per_day", options.eventsPerDay());
        args.put("seed", options.seed());
        root.put("args", args);
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("from", JsonOut.timestamp(options.windowStart()));
        window.put("to", JsonOut.timestamp(options.windowEnd()));
        root.put("window", window);
        root.put("definitions", definitions());
        List<Object> files = new ArrayList<>();
        Path folder = file.toAbsolutePath().getParent();
        for (int i = 0; i < targets.size(); i++) {
            FileReport report = reports.get(i);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("source", report.source());
            entry.put("type", report.type());
            entry.put("file", folder.relativize(targets.get(i).file().toAbsolutePath()).toString().replace('\\', '/'));
            entry.put("lines", report.lines());
            entry.putAll(report.details());
            files.add(entry);
        }
        root.put("files", files);
        List<Object> keyDomains = new ArrayList<>();
        for (KeyDomain domain : domains.all()) {
            List<String> members = domain.members().stream().filter(m -> bound.contains(m.substring(0, m.indexOf('.')))).toList();
            if (members.isEmpty()) {
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", domain.name());
            entry.put("type", domain.kind() == KeyDomain.Kind.INTEGER ? "integer" : "string");
            entry.put(domain.freshOwned() ? "issued" : "size", domain.freshOwned() ? domain.issuedCount() : (long) domain.size());
            entry.put("columns", members);
            keyDomains.add(entry);
        }
        root.put("key_domains", keyDomains);
        LineFile.write(file, JsonOut.pretty(root));
    }

    private static Map<String, Object> definitions() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("lines", "records in the file (stream and batch: events plus duplicate copies; cdc: change events)");
        d.put("late", "records whose arrival (_arrival_time; ts_ms for cdc) is more than the source's lateness after their event time");
        d.put("at_lateness_boundary", "records arriving exactly the lateness after their event time (not late)");
        d.put("duplicates", "copies of an earlier record's dedup key arriving at most dedup.within after it (dropped by dedup)");
        d.put("duplicates_beyond_within", "copies arriving more than dedup.within after the first (kept as new events)");
        d.put("out_of_order", "records whose event time is earlier than that of a record before them in the file");
        d.put("snapshot", "cdc rows read by the initial snapshot (op r, event time before the window)");
        return d;
    }
}
