package dev.fsc.cli.run;

import dev.fsc.common.manifest.SparkJvm;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a runtime's runner jar: its environment variable ({@code FSC_SPARK_RUNNER}, {@code FSC_FLINK_RUNNER}),
 * else beside the CLI's build ({@code <module>/target/<jar>}).
 *
 * @param env the environment variable that points at the jar
 * @param module the repository module that builds it
 * @param jarName the jar's file name in {@code <module>/target/}
 */
public record RunnerJar(String env, String module, String jarName) {
    /** The Spark runner (batch jobs, table exports). */
    public static final RunnerJar SPARK = new RunnerJar("FSC_SPARK_RUNNER", "runtime-spark", SparkJvm.JAR_NAME);
    /** The Flink runner (streaming jobs, online reads). */
    public static final RunnerJar FLINK = new RunnerJar("FSC_FLINK_RUNNER", "runtime-flink", "fsc-flink-runner.jar");

    public Optional<Path> find() {
        String value = System.getenv(env);
        if (value != null && !value.isBlank()) {
            return Optional.of(Path.of(value)).filter(Files::isRegularFile);
        }
        try {
            Path cliJar = Path.of(RunnerJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // cli/target/fsc.jar (or cli/target/classes) -> <repo>/<module>/target/<jar>
            Path repo = cliJar.getParent().getParent().getParent();
            return Optional.of(repo.resolve(module).resolve("target").resolve(jarName)).filter(Files::isRegularFile);
        } catch (URISyntaxException | NullPointerException e) {
            return Optional.empty();
        }
    }

    public String hint() {
        return "build it with `mvn -B -pl " + module + " -am package -DskipTests`, or point " + env + " at it";
    }
}
