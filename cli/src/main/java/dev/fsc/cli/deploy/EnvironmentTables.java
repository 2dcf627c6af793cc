package dev.fsc.cli.deploy;

import dev.fsc.compiler.codegen.TableVersions;
import dev.fsc.compiler.spec.ProjectSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The table versions an environment's deploy state records ({@link DeployState#tables()}), for the commands that
 * compile for an environment without deploying to it ({@code compile --env}, {@code plan --env}, {@code run},
 * {@code backfill}, {@code dataset export}), so they name the tables its deployed jobs use. Read from a state
 * store on this machine's disk only: an {@code s3://} store is not read (those commands stay offline), which
 * {@link Lookup#note()} says.
 */
public final class EnvironmentTables {
    private EnvironmentTables() {
    }

    /**
     * @param versions the versions to compile with ({@link TableVersions#NONE} when nothing was deployed)
     * @param note what the caller should tell the user when the versions could not be read
     */
    public record Lookup(TableVersions versions, Optional<String> note) {
    }

    public static Lookup of(Path projectRoot, ProjectSpec project, String environment) {
        Optional<String> configured = project.environment(environment)
                .map(e -> e.services().get("state")).map(s -> s.get("value"));
        if (configured.isPresent() && S3Objects.isS3(configured.get())) {
            return new Lookup(TableVersions.NONE, Optional.of("the deploy state of " + environment + " is in " + configured.get()
                    + ", which this command does not read: its Iceberg tables are named at version 1 here; fsc deploy uses"
                    + " the versions that state records"));
        }
        Path dir = configured.map(c -> projectRoot.resolve(c).normalize()).orElse(DeployTarget.defaultStateDir(projectRoot, environment));
        try {
            return new Lookup(new LocalStateStore(dir).read().map(DeployState::tables).orElse(TableVersions.NONE), Optional.empty());
        } catch (IOException | RuntimeException e) {
            return new Lookup(TableVersions.NONE, Optional.of("cannot read the deploy state in " + dir + " (" + e.getMessage()
                    + "): Iceberg tables are named at version 1"));
        }
    }

    /** Versions only, for the local environment's commands; a note goes to {@code err}. */
    public static TableVersions local(Path projectRoot, ProjectSpec project, java.io.PrintWriter err, String command) {
        Lookup lookup = of(projectRoot, project, "local");
        lookup.note().ifPresent(n -> err.println("fsc " + command + ": note: " + n));
        return lookup.versions();
    }

    /** Lines for output: each table not at version 1, as {@code logical -> physical (version n)}. */
    public static java.util.List<String> describe(TableVersions versions) {
        return versions.versions().entrySet().stream().map((Map.Entry<String, Integer> e) -> e.getKey() + " -> "
                + TableVersions.physical(e.getKey(), e.getValue()) + " (version " + e.getValue() + ")").toList();
    }
}
