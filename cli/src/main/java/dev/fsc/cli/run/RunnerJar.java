package dev.fsc.cli.run;

import dev.fsc.common.manifest.SparkJvm;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the Spark runner jar: {@code $FSC_SPARK_RUNNER}, else beside the CLI's build ({@code runtime-spark/target/}). */
public final class RunnerJar {
    static final String ENV = "FSC_SPARK_RUNNER";

    private RunnerJar() {
    }

    public static Optional<Path> find() {
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env)).filter(Files::isRegularFile);
        }
        try {
            Path cliJar = Path.of(RunnerJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // cli/target/fsc.jar (or cli/target/classes) -> <repo>/runtime-spark/target/fsc-spark-runner.jar
            Path repo = cliJar.getParent().getParent().getParent();
            return Optional.of(repo.resolve("runtime-spark/target").resolve(SparkJvm.JAR_NAME)).filter(Files::isRegularFile);
        } catch (URISyntaxException | NullPointerException e) {
            return Optional.empty();
        }
    }

    public static String hint() {
        return "build it with `mvn -B -pl runtime-spark -am package -DskipTests` (the ./fsc launcher does this on"
                + " first use), or point " + ENV + " at it";
    }
}
