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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment's Iceberg tables brought to what the specs declare, before any job or DAG of the deploy writes
 * to them: a table's {@code CREATE TABLE IF NOT EXISTS} leaves an existing table as it was, so a feature added to a
 * view would otherwise fail the next run on its tile table. The Spark runner compares ({@code --tables check}) and
 * evolves compatible differences in place ({@code --tables apply}). Before the actions are planned,
 * {@link #incompatible(List)} tells the deploy which live tables cannot take the change in place: the deploy moves
 * those to their next version ({@code TableVersions}) and compiles again, and the action of that compilation creates
 * the new versions (empty, with the declared schema) beside the old ones, which nothing writes again. Tables nobody
 * has written yet are left to the jobs (which create them), so a first deploy starts no Spark. The local warehouse
 * only: a Glue catalog (prod) needs AWS.
 */
final class EvolveIcebergTables implements DeployAction {
    private static final Pattern INCOMPATIBLE = Pattern.compile("table (\\S+): .*INCOMPATIBLE: .*");

    private final Optional<Path> runnerJar;
    private final Path projectRoot;
    /** The compiled Spark manifests, made runnable here. */
    private final List<JobManifest> manifests;
    /** Tables this deploy moved to a new version: they must exist once it is applied, even in an otherwise empty warehouse. */
    private final List<String> newVersions;
    private final List<String> outcome = new ArrayList<>();
    /** The runner's {@code --tables check} of these manifests, once asked. */
    private Check check;

    /** The runner's lines of a {@code --tables check} and whether it refused (exit 1). */
    private record Check(List<String> lines, boolean refused) {
    }

    private EvolveIcebergTables(Optional<Path> runnerJar, Path projectRoot, List<JobManifest> manifests, List<String> newVersions) {
        this.runnerJar = runnerJar;
        this.projectRoot = projectRoot;
        this.manifests = List.copyOf(manifests);
        this.newVersions = List.copyOf(newVersions);
    }

    /**
     * The action for a deploy's compiled Spark manifests, when their tables live in the local warehouse.
     *
     * @param newVersions physical names of the tables this deploy moves to a new version
     */
    static Optional<EvolveIcebergTables> of(Optional<Path> runnerJar, Path projectRoot, List<JobManifest> compiled, List<String> newVersions) {
        List<JobManifest> local = compiled.stream().filter(m -> m.catalog().type() == JobManifest.CatalogType.HADOOP).toList();
        if (local.isEmpty()) {
            return Optional.empty();
        }
        LocalRuns runs = new LocalRuns(projectRoot);
        LocalDate today = LocalDate.now();
        List<JobManifest> runnable = local.stream().map(m -> runs.forDays(m, today, today, "fsc-deploy-tables", m.steps())).toList();
        return Optional.of(new EvolveIcebergTables(runnerJar, projectRoot, runnable, newVersions));
    }

    /**
     * The live tables (physical names) the manifests declare with a change Iceberg cannot apply in place: a column
     * no longer produced, a type changed or narrowed, another partitioning. Each line of the runner's reason is in
     * {@code reasons}. Empty when nothing in the warehouse is written yet (no Spark started).
     */
    List<String> incompatible(List<String> reasons) throws IOException {
        if (existingTables().isEmpty()) {
            return List.of();
        }
        List<String> tables = new ArrayList<>();
        for (String line : check().lines()) {
            Matcher m = INCOMPATIBLE.matcher(line);
            if (m.matches()) {
                tables.add(m.group(1));
                reasons.add(line);
            }
        }
        if (check().refused() && tables.isEmpty()) {
            throw new IOException("the Spark runner refused the tables without naming one: " + String.join("\n  ", check().lines()));
        }
        return tables;
    }

    @Override
    public String describe() {
        return "evolve the Iceberg tables in " + new LocalRuns(projectRoot).warehouse() + " that differ from the specs"
                + " (columns added, types widened" + (newVersions.isEmpty() ? "" : "; new table versions created empty: "
                + String.join(", ", newVersions)) + ")";
    }

    @Override
    public boolean isApplied() throws IOException {
        if (existingTables().isEmpty() && newVersions.isEmpty()) {
            return true;
        }
        return !check().refused() && check().lines().stream().anyMatch(l -> l.equals("tables: up to date"));
    }

    @Override
    public void apply() throws IOException {
        Check applied = tables("apply");
        if (applied.refused()) {
            throw new IOException(String.join("\n  ", applied.lines().stream().filter(l -> l.startsWith("table ") || l.startsWith("tables: ")).toList()));
        }
        applied.lines().stream().filter(l -> l.startsWith("created ") || l.startsWith("evolved ")).forEach(outcome::add);
        check = null;
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

    private Check check() throws IOException {
        if (check == null) {
            check = tables("check");
        }
        return check;
    }

    /** The runner's lines for {@code --tables mode}, and whether it refused; another failure is an IOException carrying them. */
    private Check tables(String mode) throws IOException {
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
        boolean refused = exit == 1 && lines.stream().anyMatch(l -> l.startsWith("tables: refused"));
        if (exit != 0 && !refused) {
            throw new IOException(String.join("\n  ", lines.stream().filter(l -> l.startsWith("table ") || l.startsWith("tables: ")
                    || l.startsWith("error") || l.startsWith("internal")).toList()) + " (log: " + dir.resolve("tables.log") + ")");
        }
        return new Check(List.copyOf(lines), refused);
    }
}
