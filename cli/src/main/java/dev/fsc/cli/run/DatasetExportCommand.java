package dev.fsc.cli.run;

import dev.fsc.cli.ExitCodes;
import dev.fsc.cli.ProjectOption;
import dev.fsc.cli.Version;
import dev.fsc.common.manifest.JobManifest;
import dev.fsc.common.manifest.JobManifest.Step;
import dev.fsc.compiler.CompileResult;
import dev.fsc.compiler.Compiler;
import dev.fsc.compiler.diag.HumanRenderer;
import dev.fsc.cli.deploy.EnvironmentTables;
import dev.fsc.compiler.codegen.TableVersions;
import dev.fsc.compiler.codegen.spark.DatasetSql;
import dev.fsc.compiler.model.Dataset;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fsc dataset export NAME --format jsonl|csv|parquet --out FILE}: writes a dataset's published rows
 * (or one build's, by its tag) to one file, ordered by the spine time; {@code --table} exports any table.
 * Spark reads the table and writes a file beside the target, which is replaced only once the file is complete.
 */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Write a built dataset to a file.")
final class DatasetExportCommand implements Callable<Integer> {
    enum Format { jsonl, csv, parquet }

    @CommandLine.Mixin
    private ProjectOption project;

    @Parameters(paramLabel = "DATASET", arity = "0..1", description = "the dataset's name")
    private String name;

    @Option(names = "--table", paramLabel = "NAMESPACE.TABLE",
            description = "export a table of the warehouse instead (e.g. silver.clicks__quarantine), in no particular"
                    + " order; repeatable: several tables go to <out>/<table>.<format>")
    private List<String> tableOptions = List.of();

    @Option(names = "--env", paramLabel = "NAME", defaultValue = "local", description = "environment (default: local)")
    private String environment;

    @Option(names = "--format", defaultValue = "jsonl", description = "jsonl, csv or parquet (default: ${DEFAULT-VALUE})")
    private Format format;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "file to write")
    private Path out;

    @Option(names = "--warehouse", paramLabel = "DIR",
            description = "read this Iceberg warehouse instead of <project>/.fsc/warehouse (e.g. a streaming run's)")
    private Path warehouseOption;

    @Option(names = "--build", paramLabel = "YYYY-MM-DD", description = "the build of this day (its snapshot tag) instead of the latest")
    private String build;

    @Option(names = "--branch", paramLabel = "NAME", description = "read this branch of the table instead of main (e.g. the"
            + " one a deploy built a new online version's batch tiles on)")
    private String branch;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Path> found = project.root("dataset export", err);
        if (found.isEmpty()) {
            return ExitCodes.USAGE;
        }
        if (!environment.equals("local")) {
            err.println("fsc dataset export: reads the local environment only");
            return ExitCodes.USAGE;
        }
        Path root = found.get();
        CompileResult result = new Compiler().compile(root);
        if (result.model().isEmpty()) {
            err.print(new HumanRenderer(Path.of(".")).render(result.diagnostics()));
            err.println("fsc dataset export: fix the errors above");
            return ExitCodes.USER_ERRORS;
        }
        if (build != null && branch != null) {
            err.println("fsc dataset export: --build and --branch each name what to read; give one");
            return ExitCodes.USAGE;
        }
        if ((name == null) == tableOptions.isEmpty()) {
            err.println("fsc dataset export: name a dataset, or give --table");
            return ExitCodes.USAGE;
        }
        for (String t : tableOptions) {
            if (!JobManifest.TABLE.matcher(t).matches()) {
                err.println("fsc dataset export: --table wants namespace.table (e.g. silver.clicks), not `" + t + "`");
                return ExitCodes.USAGE;
            }
        }
        Optional<Dataset> dataset = name == null ? Optional.empty() : result.model().get().dataset(name);
        if (name != null && dataset.isEmpty()) {
            err.println("fsc dataset export: no dataset named `" + name + "`; datasets: "
                    + String.join(", ", result.model().get().datasets().stream().map(Dataset::name).toList()));
            return ExitCodes.USAGE;
        }
        LocalRuns local = new LocalRuns(root);
        Path warehouse = warehouseOption != null ? warehouseOption : local.warehouse();
        if (!Files.isDirectory(warehouse)) {
            err.println("fsc dataset export: nothing built yet in " + warehouse + "; run `fsc run` first");
            return ExitCodes.USER_ERRORS;
        }
        Optional<Path> jar = RunnerJar.SPARK.find();
        if (jar.isEmpty()) {
            err.println("fsc dataset export: the Spark runner jar was not found; " + RunnerJar.SPARK.hint());
            return ExitCodes.USAGE;
        }
        TableVersions versions = EnvironmentTables.local(root, result.model().get().project(), err, "dataset export");
        List<String> tables = dataset.map(d -> List.of(versions.physical(DatasetSql.table(d)))).orElse(tableOptions);
        Files.createDirectories(local.tmp());
        Path work = Files.createTempDirectory(local.tmp(), "export-");
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            steps.add(Step.sql("export_" + (i + 1), List.of(exportSql(tables.get(i), dataset, work.resolve("parts-" + i))), List.of()));
        }
        JobManifest manifest = new JobManifest(JobManifest.FORMAT_VERSION, result.model().get().project().project().value(),
                "export", "-", Version.current(),
                JobManifest.CatalogConfig.hadoop(warehouse.toAbsolutePath().normalize().toString()), Map.of(),
                Optional.empty(), steps);
        Path manifestFile = work.resolve("export.json");
        Files.writeString(manifestFile, manifest.toJson());
        int code = new SparkProcess(jar.get(), local.tmp()).run(manifestFile, work.resolve("result.json"), "local[*]",
                work.resolve("spark.log"), new PrintWriter(OutputStream.nullOutputStream()));
        if (code != 0) {
            err.println("fsc dataset export: reading " + String.join(", ", tables) + " failed (does it exist?"
                    + (build != null ? " is there a build of " + build + "?" : "") + "); details: " + work.resolve("spark.log"));
            return ExitCodes.USER_ERRORS;
        }
        for (int i = 0; i < tables.size(); i++) {
            Path target = tables.size() == 1 ? out : out.resolve(tables.get(i) + "." + format);
            long rows = writeOut(work.resolve("parts-" + i), target);
            stdout.println("wrote " + (rows < 0 ? "the rows" : rows + " rows") + " of " + tables.get(i)
                    + (build != null ? " (build " + build + ")" : "") + " to " + target);
        }
        stdout.flush();
        return ExitCodes.OK;
    }

    private String exportSql(String table, Optional<Dataset> dataset, Path parts) {
        String using = switch (format) {
            case jsonl -> "json OPTIONS (ignoreNullFields 'false')";
            case csv -> "csv OPTIONS (header 'true')";
            case parquet -> "parquet";
        };
        String source = table + (build != null ? " VERSION AS OF 'build-" + build + "'" : branch != null ? " VERSION AS OF '" + branch + "'" : "");
        return "INSERT OVERWRITE DIRECTORY '" + parts.toAbsolutePath() + "' USING " + using + "\n"
                + dataset.map(d -> "SELECT /*+ COALESCE(1) */ * EXCEPT (ds) FROM " + source + "\n"
                        + "ORDER BY " + d.spec().spine().timestamp().value())
                        .orElse("SELECT /*+ COALESCE(1) */ * FROM " + source);
    }

    /**
     * Moves Spark's single part file to the target (an empty table gives none: an empty file then); returns
     * its row count for text formats, -1 for parquet.
     */
    private long writeOut(Path parts, Path file) throws IOException {
        Optional<Path> part;
        try (Stream<Path> files = Files.list(parts)) {
            part = files.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst();
        }
        Path target = file.toAbsolutePath();
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        if (part.isEmpty()) {
            Files.write(target, new byte[0]);
            return 0;
        }
        long rows;
        try (Stream<String> lines = Files.lines(part.get())) {
            rows = format == Format.parquet ? -1 : lines.count() - (format == Format.csv ? 1 : 0);
        }
        Files.move(part.get(), target, StandardCopyOption.REPLACE_EXISTING);
        return rows;
    }
}
