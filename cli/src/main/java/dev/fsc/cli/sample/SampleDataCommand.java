package dev.fsc.cli.sample;

import dev.fsc.cli.ExitCodes;
import dev.fsc.cli.ProjectOption;
import dev.fsc.compiler.CompileResult;
import dev.fsc.compiler.Compiler;
import dev.fsc.compiler.codegen.flink.FlinkCodegen;
import dev.fsc.compiler.diag.HumanRenderer;
import dev.fsc.compiler.model.Model;
import dev.fsc.compiler.model.Source;
import dev.fsc.compiler.spec.ProjectSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fsc sample-data}: deterministic sample files for every source bound in the {@code local} environment. */
@Command(name = "sample-data", mixinStandardHelpOptions = true,
        description = {"Write sample input files for the sources bound in the local environment (fsc.yaml "
                + "environments.local.inputs), driven by the specs: column types, quality checks, shared key domains, "
                + "with planted duplicates, late and out-of-order events, and Debezium change events for CDC sources.",
                "The same arguments always write byte-identical files. MANIFEST.json beside them lists what was planted."})
public final class SampleDataCommand implements Callable<Integer> {
    @CommandLine.Mixin
    private ProjectOption project;

    @Option(names = "--days", paramLabel = "N", description = "days of data (default: ${DEFAULT-VALUE})", defaultValue = "3")
    private int days;

    @Option(names = "--start", paramLabel = "DATE", description = "first day, UTC (default: ${DEFAULT-VALUE})",
            defaultValue = "2026-10-01")
    private LocalDate start;

    static final String DEFAULT_EVENTS_PER_DAY = "2000";

    @Option(names = "--events-per-day", paramLabel = "N",
            description = "events per day of each stream and batch source (default: ${DEFAULT-VALUE})",
            defaultValue = DEFAULT_EVENTS_PER_DAY)
    private int eventsPerDay;

    @Option(names = "--seed", paramLabel = "S", description = "random seed (default: ${DEFAULT-VALUE})", defaultValue = "42")
    private long seed;

    @Option(names = "--out", paramLabel = "DIR",
            description = "write every file (and MANIFEST.json) into DIR instead of the paths in fsc.yaml")
    private Path out;

    @Option(names = "--kafka", paramLabel = "BOOTSTRAP",
            description = "also publish the stream and CDC records to Kafka (host:port,...), in arrival order, the"
                    + " arrival time as each record's Kafka timestamp, one topic per source (its topic in the spec)")
    private String kafka;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (days < 1 || days > 3660 || eventsPerDay < 1 || (long) days * eventsPerDay > 50_000_000L) {
            err.println("fsc sample-data: --days and --events-per-day must be at least 1 (and at most 50,000,000 events per source)");
            return ExitCodes.USAGE;
        }
        Optional<Path> found = project.root("sample-data", err);
        if (found.isEmpty()) {
            return ExitCodes.USAGE;
        }
        Path root = found.get();
        HumanRenderer paths = new HumanRenderer(Path.of("."));
        CompileResult result = new Compiler().compile(root);
        if (result.model().isEmpty()) {
            err.print(paths.render(result.diagnostics()));
            err.println("fsc sample-data: fix the errors above first (`fsc validate` lists them)");
            return ExitCodes.USER_ERRORS;
        }
        Model model = result.model().get();
        List<ProjectSpec.Input> inputs = model.project().environment("local").map(ProjectSpec.EnvironmentSpec::inputs).orElse(List.of());
        if (inputs.isEmpty()) {
            err.println("fsc sample-data: " + paths.displayPath(root.resolve("fsc.yaml")) + " binds no source to a file in the local environment");
            err.println("  hint: add `environments: { local: { inputs: { <source>: data/<source>.jsonl } } }`");
            return ExitCodes.USER_ERRORS;
        }
        Path outDir = out == null ? null : out.toAbsolutePath().normalize();
        List<SampleDataGenerator.Target> targets = new ArrayList<>();
        TreeSet<Path> files = new TreeSet<>();
        for (ProjectSpec.Input input : inputs) {
            Optional<Source> source = model.source(input.source().value());
            String bound = input.path().value();
            Optional<Path> file = source.flatMap(s -> fileFor(root, outDir, s.name(), bound));
            if (source.isEmpty() || file.isEmpty()) {
                err.println("fsc sample-data: skipping " + input.source().value() + ": writes JSON lines only, and "
                        + bound + " is not a .jsonl file or a folder");
                continue;
            }
            if (!files.add(file.get())) {
                err.println("fsc sample-data: two sources would be written to " + paths.displayPath(file.get()));
                return ExitCodes.USER_ERRORS;
            }
            targets.add(new SampleDataGenerator.Target(source.get(), file.get(), paths.displayPath(file.get())));
        }
        if (targets.isEmpty()) {
            err.println("fsc sample-data: nothing to write");
            return ExitCodes.USER_ERRORS;
        }
        Path manifest = (outDir != null ? outDir : commonFolder(files)).resolve("MANIFEST.json");
        GeneratorOptions options = new GeneratorOptions(start, days, eventsPerDay, seed);
        new SampleDataGenerator(options).generate(model, targets, manifest, report -> {
            stdout.println(report.summary(report.path()));
            stdout.flush();
        });
        stdout.println("manifest -> " + paths.displayPath(manifest));
        stdout.flush();
        return kafka == null ? ExitCodes.OK : publish(targets, stdout, err);
    }

    private int publish(List<SampleDataGenerator.Target> targets, PrintWriter stdout, PrintWriter err) {
        List<KafkaPublisher.Topic> topics = targets.stream().filter(t -> FlinkCodegen.streamed(t.source()))
                .map(t -> new KafkaPublisher.Topic(t.source(), t.file(), FlinkCodegen.topic(t.source()))).toList();
        try {
            long sent = new KafkaPublisher(kafka).publish(topics, stdout);
            stdout.println("published " + sent + " records to " + kafka + ": "
                    + String.join(", ", topics.stream().map(t -> t.source().name() + " -> " + t.topic()).toList()));
            stdout.flush();
            return ExitCodes.OK;
        } catch (java.io.IOException | java.util.concurrent.ExecutionException | org.apache.kafka.common.KafkaException e) {
            err.println("fsc sample-data: publishing to Kafka at " + kafka + " failed: " + e.getMessage());
            return ExitCodes.USER_ERRORS;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.INTERNAL;
        }
    }

    /** Where a source bound to {@code bound} is written: the file itself, or {@code <folder>/<source>.jsonl}. */
    static Optional<Path> fileFor(Path root, Path outDir, String source, String bound) {
        String lower = bound.toLowerCase(Locale.ROOT);
        boolean jsonLines = lower.endsWith(".jsonl") || lower.endsWith(".ndjson") || lower.endsWith(".json");
        boolean folder = bound.endsWith("/") || !Path.of(bound).getFileName().toString().contains(".");
        if (!jsonLines && !folder) {
            return Optional.empty();
        }
        String name = jsonLines ? Path.of(bound).getFileName().toString() : source + ".jsonl";
        Path target = outDir != null ? outDir.resolve(name)
                : jsonLines ? root.resolve(bound) : root.resolve(bound).resolve(name);
        return Optional.of(target.toAbsolutePath().normalize());
    }

    private static Path commonFolder(TreeSet<Path> files) {
        Path common = files.first().getParent();
        for (Path file : files) {
            while (!file.startsWith(common)) {
                common = common.getParent();
            }
        }
        return common;
    }
}
