package dev.fsc.cli.deploy;

import dev.fsc.cli.run.LocalRuns;
import dev.fsc.cli.run.RunnerJar;
import dev.fsc.cli.run.SparkProcess;
import dev.fsc.common.manifest.CreatedTables;
import dev.fsc.common.manifest.JobManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The environment's Iceberg tables brought to what the specs declare, before any job or DAG of the deploy writes
 * to them: a table's {@code CREATE TABLE IF NOT EXISTS} leaves an existing table as it was, so a feature added to a
 * view would otherwise fail the next run on its tile table. The Spark runner compares ({@code --tables check}) and
 * evolves compatible differences in place ({@code --tables apply}); an incompatible one fails the deploy with the
 * runner's explanation and leaves the live table untouched. Tables nobody has written yet are left to the jobs
 * (which create them), so a first deploy starts no Spark. The local warehouse only: a Glue catalog (prod) needs AWS.
 *
 */
final class EvolveIcebergTables implements DeployAction {
    private final Optional<Path> runnerJar;
    private final Path projectRoot;
    /** The compiled Spark manifests, made runnable here. */
    private final List<JobManifest> manifests;
    private final List<String> outcome = new ArrayList<>();

    private EvolveIcebergTables(Optional<Path> runnerJar, Path projectRoot, List<JobManifest> manifests) {
        this.runnerJar = runnerJar;
        this.projectRoot = projectRoot;
        this.manifests = List.copyOf(manifests);
    }

    /** The action for a deploy's compiled Spark manifests, when their tables live in the local warehouse. */
    static Optional<DeployAction> of(Optional<Path> runnerJar, Path projectRoot, List<JobManifest> compiled) {
        List<JobManifest> local = compiled.stream().filter(m -> m.catalog().type() == JobManifest.CatalogType.HADOOP).toList();
        if (local.isEmpty()) {
            return Optional.empty();
        }
        LocalRuns runs = new LocalRuns(projectRoot);
        LocalDate today = LocalDate.now();
        List<JobManifest> runnable = local.stream().map(m -> runs.forDays(m, today, today, "fsc-deploy-tables", m.steps())).toList();
        return Optional.of(new EvolveIcebergTables(runnerJar, projectRoot, runnable));
    }

    @Override
    public String describe() {
        return "evolve the Iceberg tables in " + new LocalRuns(projectRoot).warehouse() + " that differ from the specs"
                + " (columns added, types widened; anything else refused)";
    }

    @Override
    public boolean isApplied() throws IOException {
        return existingTables().isEmpty() || tables("check").stream().anyMatch(l -> l.equals("tables: up to date"));
    }

    @Override
    public void apply() throws IOException {
        tables("apply").stream().filter(l -> l.startsWith("created ") || l.startsWith("evolved ")).forEach(outcome::add);
    }

    @Override
    public List<String> outcome() {
        return List.copyOf(outcome);
    }

    /** Tables the manifests create that the warehouse already holds. */
    private List<String> existingTables() {
        Path warehouse = new LocalRuns(projectRoot).warehouse();
        List<String> existing = new ArrayList<>();
        for (JobManifest m : manifests) {
            for (JobManifest.Step step : m.steps()) {
                for (String sql : m.resolvedSql(step)) {
                    CreatedTables.of(sql).filter(t -> Files.isDirectory(warehouse.resolve(t.replace('.', '/')).resolve("metadata")))
                            .ifPresent(existing::add);
                }
            }
        }
        return existing;
    }

    /** The runner's lines for {@code --tables mode}; a refusal or failure is an IOException carrying them. */
    private List<String> tables(String mode) throws IOException {
        LocalRuns runs = new LocalRuns(projectRoot);
        Path dir = runs.runs().resolve("deploy-tables");
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (JobManifest m : manifests) {
            Path file = dir.resolve(m.job() + ".json");
            Files.writeString(file, m.toJson(), StandardCharsets.UTF_8);
            files.add(file);
        }
        Path jar = runnerJar.orElseThrow(() -> new IOException("the Spark runner jar, which compares the Iceberg tables, was not found; "
                + RunnerJar.SPARK.hint()));
        List<String> lines = new ArrayList<>();
        int exit;
        try {
            exit = new SparkProcess(jar, runs.tmp()).run(files, Optional.empty(), "local[2]", dir.resolve("tables.log"),
                    List.of("--tables", mode), pid -> { }, lines::add);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while comparing the Iceberg tables", e);
        }
        if (exit != 0) {
            throw new IOException(String.join("\n  ", lines.stream().filter(l -> l.startsWith("table ") || l.startsWith("tables: ")
                    || l.startsWith("error") || l.startsWith("internal")).toList()) + " (log: " + dir.resolve("tables.log") + ")");
        }
        return lines;
    }
}
