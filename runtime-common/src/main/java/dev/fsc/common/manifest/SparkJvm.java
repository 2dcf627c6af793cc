package dev.fsc.common.manifest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How to launch the Spark runner JVM — the one place that knows, so the CLI, the runner's tests and
 * a person at a shell start it the same way:
 *
 * <pre>
 * SPARK_LOCAL_IP=127.0.0.1 java [OPTIONS] -Djava.io.tmpdir=DIR -jar fsc-spark-runner.jar MANIFEST [--master local[2]] [--result FILE]
 * </pre>
 *
 * <p>{@link #OPTIONS} is Spark's own Java 17+ module list ({@code org.apache.spark.launcher.JavaModuleOptions}
 * of the Spark version in the parent POM); a test in runtime-spark fails if the two drift apart.
 * The runner jar's manifest also carries the {@code --add-opens} part as {@code Add-Opens}, so a
 * bare {@code java -jar} works too.
 */
public final class SparkJvm {
    /** File name of the shaded runner jar ({@code runtime-spark/target/} in a build). */
    public static final String JAR_NAME = "fsc-spark-runner.jar";
    /** The runner's main class (also the jar's {@code Main-Class}). */
    public static final String MAIN_CLASS = "dev.fsc.spark.SparkRunner";

    /** JVM options Spark needs on Java 17+: module opens for Spark, Arrow, Netty and Iceberg. */
    public static final List<String> OPTIONS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-modules=jdk.incubator.vector",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true",
            "-Dio.netty.allocator.type=pooled",
            "-Dio.netty.handler.ssl.defaultEndpointVerificationAlgorithm=NONE",
            "--enable-native-access=ALL-UNNAMED");

    /**
     * Extra options for short local runs (tests, the local environment on small data): C1-only JIT
     * and the serial collector halve the CPU time of a run that lasts seconds (measured: 15.6 s
     * instead of 28.7 s of CPU for a create/insert/check job). Leave them out for long jobs, where
     * the optimizing compiler pays off. C1-only also shrinks the code cache to 48 MiB, which a month of daily
     * steps (each with its own generated classes) filled ("Out of space in CodeCache", BatchMatchesOracleIT):
     * it keeps the tiered default instead.
     */
    public static final List<String> QUICK_START_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-XX:ReservedCodeCacheSize=240m");

    /**
     * Environment for the runner process: bind Spark to loopback (no "resolves to a loopback address"
     * warning, no dependence on the host's network setup).
     */
    public static final Map<String, String> ENVIRONMENT = Map.of("SPARK_LOCAL_IP", "127.0.0.1");

    private SparkJvm() {
    }

    /** The {@code java} executable of the running JVM. */
    public static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * The runner's command line.
     *
     * @param java the {@code java} executable (e.g. {@link #currentJava()})
     * @param runnerJar the shaded runner jar
     * @param tmpDir where Spark puts its scratch files ({@code java.io.tmpdir}); it leaves
     *     {@code spark-*} folders behind, so use a build or state folder, not /tmp
     * @param extraJvmOptions e.g. {@code -Xmx4g}; may be empty
     * @param runnerArgs the manifest path, then options ({@code --master}, {@code --result}, ...)
     */
    public static List<String> command(Path java, Path runnerJar, Path tmpDir, List<String> extraJvmOptions,
            List<String> runnerArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(OPTIONS);
        cmd.add("-Djava.io.tmpdir=" + tmpDir.toAbsolutePath());
        cmd.addAll(extraJvmOptions);
        cmd.add("-jar");
        cmd.add(runnerJar.toAbsolutePath().toString());
        cmd.addAll(runnerArgs);
        return List.copyOf(cmd);
    }
}
