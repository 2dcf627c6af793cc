package dev.fsc.cli.run;

import dev.fsc.cli.ExitCodes;
import dev.fsc.cli.ProjectOption;
import dev.fsc.cli.Version;
import dev.fsc.common.manifest.JobResult;
import dev.fsc.compiler.codegen.spark.SparkCodegen;
import dev.fsc.compiler.codegen.spark.DatasetSql;
import dev.fsc.compiler.model.Dataset;
import dev.fsc.compiler.model.Model;
import dev.fsc.compiler.plan.Plan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fsc run --env local --date D} (or {@code --from D --to D}): compiles the project and runs its
 * batch job over those days, on Spark in local mode with the Iceberg warehouse under {@code .fsc/}, like
 * {@code dbt build}: every step in dependency order, all on a branch that is published only when every
 * error check passed — the run publishes all or nothing.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the batch pipeline (bronze -> silver -> tiles -> datasets) for one or more days on the local environment.")
public final class RunCommand implements Callable<Integer> {
    @CommandLine.Mixin
    private ProjectOption project;

    @Option(names = "--env", paramLabel = "NAME", defaultValue = "local", description = "environment (default: local)")
    private String environment;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "the one day to run")
    private String date;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "first day to run (with --to)")
    private String from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "last day to run, inclusive (with --from)")
    private String to;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]", description = "Spark master (default: ${DEFAULT-VALUE})")
    private String master;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Path> found = project.root("run", err);
        if (found.isEmpty()) {
            return ExitCodes.USAGE;
        }
        Optional<List<LocalDate>> days = days(err);
        if (days.isEmpty()) {
            return ExitCodes.USAGE;
        }
        if (!environment.equals("local")) {
            err.println("fsc run: runs the local environment only; `" + environment + "` runs its jobs on its own"
                    + " schedulers (fsc deploy --env " + environment + ")");
            return ExitCodes.USAGE;
        }
        LocalJob.Compiled compiled = LocalJob.compile(found.get(), "run", err);
        if (!compiled.ok()) {
            return compiled.exitCode();
        }
        Optional<Path> jar = LocalJob.runner("run", err);
        if (jar.isEmpty()) {
            return ExitCodes.USAGE;
        }
        Path root = compiled.job().root();
        Model model = compiled.job().model();
        Plan plan = compiled.job().plan();
        String version = Version.current();
        SparkCodegen.SparkJob job = compiled.job().job();

        LocalRuns local = new LocalRuns(root);
        LocalDate first = days.get().get(0);
        LocalDate last = days.get().get(days.get().size() - 1);
        String runId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(ZonedDateTime.now(ZoneOffset.UTC));
        Path runDir = local.runs().resolve(runId);
        Path manifest = local.writeRun(job.manifest(), first, last, runDir);
        out.println("fsc run: " + model.project().project().value() + ", " + (first.equals(last) ? "day " + first
                : days.get().size() + " days " + first + " .. " + last) + ", plan " + plan.planHash()
                + "; warehouse " + local.warehouse());
        out.flush();
        Path log = runDir.resolve("spark.log");
        Path resultFile = runDir.resolve("result.json");
        int code = new SparkProcess(jar.get(), local.tmp()).run(manifest, resultFile, master, log, out);

        Map<String, String> datasetTables = new LinkedHashMap<>();
        for (Dataset d : model.datasets()) {
            datasetTables.put(d.name(), compiled.job().tables().physical(DatasetSql.table(d)));
        }
        if (code == JobResult.EXIT_OK) {
            JobResult ran = JobResult.fromJson(Files.readString(resultFile, StandardCharsets.UTF_8));
            BuildRecords.write(local.builds(), plan, ran, last.toString(), datasetTables, version);
            Map<String, Long> published = new LinkedHashMap<>();
            ran.steps().forEach(s -> s.rowsWritten().forEach((table, n) -> {
                if (datasetTables.containsValue(table)) {
                    published.merge(table, n, Long::sum);
                }
            }));
            out.println("fsc run: ok. Datasets (Iceberg tables in " + local.warehouse() + "):");
            datasetTables.forEach((name, table) -> out.println("  " + table + ": " + published.getOrDefault(table, 0L)
                    + " rows published (rows whose label horizon has passed); build record "
                    + local.builds().resolve(name).resolve(last + ".json")));
            out.println("  export one: fsc dataset export <dataset> --project " + root + " --format jsonl --out FILE");
            out.flush();
            return ExitCodes.OK;
        }
        err.println("fsc run: failed; nothing was published (every table is as before the run). Details: " + log);
        err.flush();
        return code == JobResult.EXIT_FAILED ? ExitCodes.USER_ERRORS : code;
    }

    private Optional<List<LocalDate>> days(PrintWriter err) {
        try {
            if (date != null && (from != null || to != null)) {
                err.println("fsc run: give either --date or --from/--to");
                return Optional.empty();
            }
            LocalDate first = date != null ? LocalDate.parse(date) : from != null ? LocalDate.parse(from) : null;
            LocalDate last = date != null ? first : to != null ? LocalDate.parse(to) : null;
            if (first == null || last == null) {
                err.println("fsc run: which days? give --date YYYY-MM-DD, or --from and --to");
                return Optional.empty();
            }
            if (last.isBefore(first)) {
                err.println("fsc run: --to " + last + " is before --from " + first);
                return Optional.empty();
            }
            List<LocalDate> days = new ArrayList<>();
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                days.add(d);
            }
            return Optional.of(days);
        } catch (DateTimeParseException e) {
            err.println("fsc run: not a date (YYYY-MM-DD): " + e.getParsedString());
            return Optional.empty();
        }
    }
}
