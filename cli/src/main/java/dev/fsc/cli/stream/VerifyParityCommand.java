package dev.fsc.cli.stream;

import dev.fsc.cli.ExitCodes;
import dev.fsc.cli.Main;
import dev.fsc.cli.ProjectOption;
import dev.fsc.cli.Version;
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
 * table the streaming jobs write, row for row, and prints the match rate; exit 0 only at 100 %.
 * The days should cover the inputs (the batch job reads only records of its days; the streaming job reads
 * every record).
 */
@Command(name = "verify-parity", mixinStandardHelpOptions = true,
        description = "Run the local inputs through the batch and the streaming path and compare their feature tiles.")
public final class VerifyParityCommand implements Callable<Integer> {
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
        Map<String, List<String>> tables = new FlinkCodegen().generate(model, new ModelToPlan().plan(model), Version.current(),
                environment, SparkCodegen.catalog(model.project(), environment)).tileTables();
        if (tables.isEmpty()) {
            err.println("fsc verify-parity: no online feature view reads a stream or CDC source: nothing to compare");
            return ExitCodes.USAGE;
        }
        Path parity = root.resolve(".fsc/parity");
        Path streamWarehouse = parity.resolve("warehouse");
        if (!reuse) {
            out.println("fsc verify-parity: 1/3 batch path (fsc run --from " + from + " --to " + to + ")");
            out.flush();
            int code = Main.run(new String[] {"run", "--project", root.toString(), "--from", from, "--to", to}, out, err);
            if (code != ExitCodes.OK) {
                err.println("fsc verify-parity: the batch run failed");
                return code;
            }
            deleteTree(parity);
            out.println("fsc verify-parity: 2/3 streaming path (fsc stream --until-idle, warehouse " + streamWarehouse + ")");
            out.flush();
            code = Main.run(new String[] {"stream", "--project", root.toString(), "--until-idle", "--warehouse", streamWarehouse.toString(),
                    "--online-dir", parity.resolve("online").toString()}, out, err);
            if (code != ExitCodes.OK) {
                err.println("fsc verify-parity: the streaming run failed");
                return code;
            }
        }
        out.println("fsc verify-parity: 3/3 comparing " + tables.size() + " tile tables");
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
        return matching == rows ? ExitCodes.OK : ExitCodes.USER_ERRORS;
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
