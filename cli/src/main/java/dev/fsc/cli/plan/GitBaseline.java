package dev.fsc.cli.plan;

import dev.fsc.compiler.CompileResult;
import dev.fsc.compiler.Compiler;
import dev.fsc.compiler.plan.ModelToPlan;
import dev.fsc.compiler.plan.Plan;
import dev.fsc.compiler.plan.PlanJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The plan of a project as it was at a git revision. The specs are read with {@code git archive}
 * into a temporary folder, so the working tree is never touched. Plans are cached by the project's git
 * tree hash (content-addressed, so never stale) and the compiler build that made them.
 */
public final class GitBaseline {
    private final Path projectRoot;

    public GitBaseline(Path projectRoot) {
        this.projectRoot = projectRoot.toAbsolutePath().normalize();
    }

    /**
     * The plan at {@code ref}; an empty plan if the project did not exist there. With {@code withModel} the
     * specs are compiled even when the plan is cached, so the baseline carries the model its files come from.
     */
    public Baseline at(String ref, boolean withModel) throws IOException, InterruptedException {
        Path repository = Path.of(git(projectRoot, "rev-parse", "--show-toplevel").strip());
        String commit = git(projectRoot, "rev-parse", "--verify", "--quiet", ref + "^{commit}").strip();
        String relative = repository.relativize(projectRoot.toRealPath()).toString();
        String label = "git " + ref + " (" + commit.substring(0, Math.min(12, commit.length())) + ")";
        if (git(repository, "ls-tree", "--name-only", commit, (relative.isEmpty() ? "" : relative + "/") + "fsc.yaml").isBlank()) {
            return new Baseline(label, Baseline.empty(projectRoot), List.of());
        }
        String tree = git(repository, "rev-parse", commit + ":" + relative).strip();
        Optional<Path> cached = PlanCache.file(projectRoot, tree);
        if (!withModel && cached.isPresent() && Files.exists(cached.get())) {
            return new Baseline(label, PlanJson.read(Files.readString(cached.get(), StandardCharsets.UTF_8)), List.of());
        }
        Path scratch = Files.createTempDirectory("fsc-base-");
        try {
            Path archive = scratch.resolve("base.tar");
            run(repository, List.of("git", "archive", "--format=tar", "-o", archive.toString(), commit,
                    relative.isEmpty() ? "." : relative));
            run(scratch, List.of("tar", "-xf", archive.toString()));
            CompileResult result = new Compiler().compile(scratch.resolve(relative));
            if (result.model().isEmpty()) {
                return new Baseline(label, Baseline.empty(projectRoot), result.diagnostics().stream()
                        .map(d -> d.code().id() + " " + d.message()).toList());
            }
            Plan plan = new ModelToPlan().plan(result.model().get());
            if (cached.isPresent()) {
                PlanCache.store(cached.get(), PlanJson.write(plan, "cache"));
            }
            return new Baseline(label, plan, result.model(), List.of());
        } finally {
            try (Stream<Path> paths = Files.walk(scratch)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private static String git(Path where, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", where.toString()));
        command.addAll(List.of(args));
        return run(where, command);
    }

    private static String run(Path where, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(where.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit != 0 && !(command.contains("--quiet") && output.isBlank())) {
            throw new BaselineException("`" + String.join(" ", command) + "` failed: " + output.strip());
        }
        if (exit != 0) {
            throw new BaselineException("no git revision `" + command.get(command.size() - 1).replace("^{commit}", "") + "`");
        }
        return output;
    }
}
