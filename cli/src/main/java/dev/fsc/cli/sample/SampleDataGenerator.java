package dev.fsc.cli.sample;

import dev.fsc.compiler.model.Model;
import dev.fsc.compiler.model.Source;
import dev.fsc.compiler.spec.SourceSpec.SourceType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Generates every bound source of a project: finds the key domains, plans the CDC tables' row
 * lifetimes (so streams only refer to rows that exist), then writes the sources in dependency order
 * (a source issuing ids before the sources referring to them) and the manifest.
 */
final class SampleDataGenerator {
    /** One source to write, to {@code file}, shown to the user as {@code shown}. */
    record Target(Source source, Path file, String shown) {
    }

    private final GeneratorOptions options;

    SampleDataGenerator(GeneratorOptions options) {
        this.options = options;
    }

    List<FileReport> generate(Model model, List<Target> targets, Path manifest, Consumer<FileReport> progress) {
        Set<String> bound = new TreeSet<>();
        targets.forEach(t -> bound.add(t.source().name()));
        KeyDomains domains = KeyDomains.build(model, bound, options);
        Map<String, List<CdcTimeline.RowPlan>> timelines = new TreeMap<>();
        Set<KeyDomain> withLifetimes = new java.util.HashSet<>();
        for (Target target : sortedByName(targets)) {
            Source source = target.source();
            if (source.spec().type().value() != SourceType.CDC) {
                continue;
            }
            List<CdcTimeline.RowPlan> plans = CdcTimeline.plan(Draw.random(options.seed(), "timeline:" + source.name()),
                    domains.cdcRows(source.name()), domains.isDimension(source), options);
            timelines.put(source.name(), plans);
            if (source.spec().primaryKey().size() == 1) {
                String pk = source.spec().primaryKey().get(0).value();
                domains.of(source.name(), pk).filter(d -> domains.isCdcKey(source.name(), pk) && withLifetimes.add(d))
                        .ifPresent(d -> {
                            long[][] lifetimes = CdcTimeline.lifetimes(plans);
                            d.lifetimes(lifetimes[0], lifetimes[1]);
                        });
            }
        }
        Map<String, FileReport> reports = new LinkedHashMap<>();
        for (Target target : inDependencyOrder(targets, domains)) {
            Source source = target.source();
            RowFactory factory = new RowFactory(source, ColumnRule.of(source, options.eventsPerDay()), domains);
            FileReport report = source.spec().type().value() == SourceType.CDC
                    ? new CdcWriter(options).write(source, factory, timelines.get(source.name()), target.file(), target.shown())
                    : new StreamWriter(options).write(source, factory, target.file(), target.shown());
            reports.put(source.name(), report);
            progress.accept(report);
        }
        List<FileReport> ordered = targets.stream().map(t -> reports.get(t.source().name())).toList();
        Manifest.write(manifest, model, options, targets, ordered, domains, bound);
        return ordered;
    }

    private static List<Target> sortedByName(List<Target> targets) {
        List<Target> sorted = new ArrayList<>(targets);
        sorted.sort(java.util.Comparator.comparing(t -> t.source().name()));
        return sorted;
    }

    /** Sources issuing per-row ids (impressions) before those referring to them (clicks); otherwise by name. */
    private static List<Target> inDependencyOrder(List<Target> targets, KeyDomains domains) {
        Map<String, Target> byName = new TreeMap<>();
        targets.forEach(t -> byName.put(t.source().name(), t));
        Map<String, Set<String>> needs = new TreeMap<>();
        for (Target target : byName.values()) {
            Set<String> before = new TreeSet<>();
            for (var column : target.source().columns()) {
                domains.of(target.source().name(), column.name()).filter(KeyDomain::freshOwned).ifPresent(d -> {
                    for (String member : d.members()) {
                        String owner = member.substring(0, member.indexOf('.'));
                        String ownerColumn = member.substring(member.indexOf('.') + 1);
                        if (!owner.equals(target.source().name()) && byName.containsKey(owner) && domains.isFreshOwner(owner, ownerColumn)
                                && !domains.isFreshOwner(target.source().name(), column.name())) {
                            before.add(owner);
                        }
                    }
                });
            }
            needs.put(target.source().name(), before);
        }
        List<Target> order = new ArrayList<>();
        Set<String> done = new TreeSet<>();
        while (order.size() < byName.size()) {
            String next = needs.keySet().stream().filter(n -> !done.contains(n) && done.containsAll(needs.get(n))).findFirst()
                    .orElseGet(() -> needs.keySet().stream().filter(n -> !done.contains(n)).findFirst().orElseThrow());
            done.add(next);
            order.add(byName.get(next));
        }
        return order;
    }
}
