package dev.fsc.cli.stream;

import dev.fsc.cli.ExitCodes;
import dev.fsc.cli.Main;
import dev.fsc.cli.ProjectOption;
import dev.fsc.cli.Version;
import dev.fsc.cli.run.LocalRuns;
import dev.fsc.cli.run.RunnerJar;
import dev.fsc.common.online.ViewDescriptor;
import dev.fsc.compiler.CompileResult;
import dev.fsc.compiler.Compiler;
import dev.fsc.compiler.codegen.flink.FlinkCodegen;
import dev.fsc.compiler.codegen.spark.SparkCodegen;
import dev.fsc.compiler.diag.HumanRenderer;
import dev.fsc.compiler.model.Model;
import dev.fsc.compiler.plan.ModelToPlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fsc verify-parity --env local --from D --to D}: the must-show of the streaming path. Runs the same
 * local inputs through the batch job ({@code fsc run}, the project's warehouse) and through the streaming
 * jobs ({@code fsc stream}, a warehouse of their own under {@code .fsc/parity/}), then compares every tile
 * table the streaming jobs write, row for row, and the feature values the read path serves at probed
 * (key, t) from the streamed online store and from the batch tiles ({@link FeatureParity}); prints both
 * match rates; exit 0 only at 100 % of both.
 * The days should cover the inputs (the batch job reads only records of its days; the streaming job reads
 * every record).
 */
@Command(name = "verify-parity", mixinStandardHelpOptions = true,
        description = "Run the local inputs through the batch and the streaming path and compare their feature tiles.")
public final class VerifyParityCommand implements Callable<Integer> {
    private static final String ONLINE_DESCRIPTORS = "flink/online/";

    @CommandLine.Mixin
    private ProjectOption project;

    @Option(names = "--env", paramLabel = "NAME", defaultValue = "local", description = "environment (default: local)")
    private String environment;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", required = true, description = "first day of the inputs")
    private String from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", required = true, description = "last day of the inputs")
    private String to;

    @Option(names = "--reuse", description = "compare what the last runs left (skip running both paths)")
    private boolean reuse;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Path> found = project.root("verify-parity", err);
        if (found.isEmpty()) {
            return ExitCodes.USAGE;
        }
        if (!environment.equals("local")) {
            err.println("fsc verify-parity: runs the local environment only");
            return ExitCodes.USAGE;
        }
        Path root = found.get();
        CompileResult result = new Compiler().compile(root);
        if (result.model().isEmpty()) {
            err.print(new HumanRenderer(Path.of(".")).render(result.diagnostics()));
            err.println("fsc verify-parity: fix the errors above");
            return ExitCodes.USER_ERRORS;
        }
        Model model = result.model().get();
        // the tables `fsc run` and `fsc stream` write: the local environment's deployed versions of them
        FlinkCodegen.FlinkJobs compiled = new FlinkCodegen().generate(model, new ModelToPlan().plan(model), Version.current(),
                environment, SparkCodegen.catalog(model.project(), environment),
                dev.fsc.cli.deploy.EnvironmentTables.local(root, model.project(), err, "verify-parity"));
        Map<String, List<String>> tables = compiled.tileTables();
        if (tables.isEmpty()) {
            err.println("fsc verify-parity: no online feature view reads a stream or CDC source: nothing to compare");
            return ExitCodes.USAGE;
        }
        Path parity = root.resolve(".fsc/parity");
        Path streamWarehouse = parity.resolve("warehouse");
        if (!reuse) {
            out.println("fsc verify-parity: 1/4 batch path (fsc run --from " + from + " --to " + to + ")");
            out.flush();
            int code = Main.run(new String[] {"run", "--project", root.toString(), "--from", from, "--to", to}, out, err);
            if (code != ExitCodes.OK) {
                err.println("fsc verify-parity: the batch run failed");
                return code;
            }
            deleteTree(parity);
            out.println("fsc verify-parity: 2/4 streaming path (fsc stream --until-idle, warehouse " + streamWarehouse + ")");
            out.flush();
            code = Main.run(new String[] {"stream", "--project", root.toString(), "--until-idle", "--warehouse", streamWarehouse.toString(),
                    "--online-dir", parity.resolve("online").toString()}, out, err);
            if (code != ExitCodes.OK) {
                err.println("fsc verify-parity: the streaming run failed");
                return code;
            }
        }
        out.println("fsc verify-parity: 3/4 comparing " + tables.size() + " tile tables");
        out.flush();
        Path exports = parity.resolve("export");
        deleteTree(exports);
        if (!export(root, tables, Optional.empty(), exports.resolve("batch"), out, err)
                || !export(root, tables, Optional.of(streamWarehouse), exports.resolve("stream"), out, err)) {
            return ExitCodes.USER_ERRORS;
        }
        long rows = 0;
        long matching = 0;
        for (Map.Entry<String, List<String>> table : tables.entrySet()) {
            TileTableComparison c = TileTableComparison.of(table.getKey(), table.getValue(),
                    exports.resolve("batch").resolve(table.getKey() + ".jsonl"), exports.resolve("stream").resolve(table.getKey() + ".jsonl"));
            rows += c.rows();
            matching += c.matching();
            out.printf("  %-44s batch %6d  stream %6d  match %6d / %6d  %s%n", c.table(), c.batchRows(), c.streamRows(),
                    c.matching(), c.rows(), percent(c.matching(), c.rows()));
            c.examples().forEach(e -> out.println("      differs: " + e));
        }
        out.println("fsc verify-parity: tile rows matching: " + matching + " / " + rows + " = " + percent(matching, rows));
        out.flush();
        boolean featuresMatch = compareFeatures(root, compiled, parity, exports.resolve("batch"), out, err);
        return matching == rows && featuresMatch ? ExitCodes.OK : ExitCodes.USER_ERRORS;
    }

    /**
     * Step 4: the feature values the read path serves at probed (key, t) from the streamed online store
     * against the same reads over the batch tile tables; prints the match rate per view and overall.
     */
    private static boolean compareFeatures(Path root, FlinkCodegen.FlinkJobs compiled, Path parity, Path batchTiles,
                                           PrintWriter out, PrintWriter err) throws IOException {
        Optional<Path> jar = RunnerJar.FLINK.find();
        if (jar.isEmpty()) {
            err.println("fsc verify-parity: the Flink runner jar was not found; " + RunnerJar.FLINK.hint());
            return false;
        }
        Path dir = parity.resolve("features");
        deleteTree(dir);
        Files.createDirectories(dir);
        List<String> views = compiled.files().keySet().stream().filter(f -> f.startsWith(ONLINE_DESCRIPTORS))
                .map(f -> f.substring(ONLINE_DESCRIPTORS.length(), f.length() - ".json".length())).sorted().toList();
        out.println("fsc verify-parity: 4/4 comparing feature values of " + views.size() + " views at probed (key, t)");
        out.flush();
        long probes = 0;
        long matching = 0;
        for (String view : views) {
            Path descriptor = dir.resolve(view + ".json");
            Files.writeString(descriptor, compiled.files().get(ONLINE_DESCRIPTORS + view + ".json"));
            Path probeFile = dir.resolve(view + ".probes.jsonl");
            FeatureParity.writeProbes(ViewDescriptor.fromJson(Files.readString(descriptor)), batchTiles, probeFile);
            Path batch = dir.resolve(view + ".batch.jsonl");
            Path stream = dir.resolve(view + ".stream.jsonl");
            if (!read(root, jar.get(), descriptor, probeFile, List.of("--tiles", batchTiles.toString()), batch, err)
                    || !read(root, jar.get(), descriptor, probeFile,
                    List.of("--store", "embedded:" + parity.resolve("online").toAbsolutePath()), stream, err)) {
                err.println("fsc verify-parity: reading the features of " + view + " failed");
                return false;
            }
            FeatureParity p = FeatureParity.of(view, batch, stream);
            probes += p.probes();
            matching += p.matching();
            out.printf("  %-44s probes %7d  match %7d  %s%n", p.view(), p.probes(), p.matching(), percent(p.matching(), p.probes()));
            p.examples().forEach(e -> out.println("      differs: " + e));
        }
        out.println("fsc verify-parity: feature values matching: " + matching + " / " + probes + " = " + percent(matching, probes));
        out.flush();
        return probes > 0 && matching == probes;
    }

    private static boolean read(Path root, Path jar, Path descriptor, Path probes, List<String> from, Path answers, PrintWriter err)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("read", "--descriptor", descriptor.toString(), "--probes", probes.toString(),
                "--out", answers.toString()));
        args.addAll(from);
        try {
            return FlinkProcess.start(jar, new LocalRuns(root).tmp(), args, "read", err).await(Optional.empty()) == ExitCodes.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean export(Path root, Map<String, List<String>> tables, Optional<Path> warehouse, Path dir,
                                  PrintWriter out, PrintWriter err) {
        List<String> args = new ArrayList<>(List.of("dataset", "export", "--project", root.toString(), "--format", "jsonl", "--out", dir.toString()));
        warehouse.ifPresent(w -> args.addAll(List.of("--warehouse", w.toString())));
        tables.keySet().forEach(t -> args.addAll(List.of("--table", t)));
        if (tables.size() == 1) {
            // one table goes to the file named by --out; keep the per-table layout of several
            args.set(args.indexOf(dir.toString()), dir.resolve(tables.keySet().iterator().next() + ".jsonl").toString());
        }
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(PrintWriter.nullWriter()), err);
        if (code != ExitCodes.OK) {
            err.println("fsc verify-parity: exporting the tile tables" + warehouse.map(w -> " of " + w).orElse("") + " failed");
            return false;
        }
        return true;
    }

    private static String percent(long part, long whole) {
        // rounded down: a single mismatch never shows as 100.00 %
        return whole == 0 ? "n/a" : String.format(java.util.Locale.ROOT, "%.2f %%", Math.floor(10_000.0 * part / whole) / 100);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
