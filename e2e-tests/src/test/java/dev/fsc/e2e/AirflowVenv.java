package dev.fsc.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The Python virtualenv with Apache Airflow that {@code .ci/airflow-venv.sh} installs from PyPI, and commands run
 * in it with an {@code AIRFLOW_HOME} of their own (sqlite). Outside CI a missing venv skips the tests that need it,
 * saying how to make one; in CI ({@code CI=true}) it fails them.
 */
record AirflowVenv(String version, Path venv, Path home) {
    /** Airflow 3.x: {@code .ci/airflow-venv.sh}, or the venv in {@code FSC_AIRFLOW_VENV}. */
    static final Release AIRFLOW_3 = new Release("3.3.2", "FSC_AIRFLOW_VENV");
    /** Airflow 2.10 (MWAA's): {@code .ci/airflow-venv.sh 2.10.5}, or the venv in {@code FSC_AIRFLOW2_VENV}. */
    static final Release AIRFLOW_2 = new Release("2.10.5", "FSC_AIRFLOW2_VENV");

    /** An Airflow release the tests run against, and the variable that may name its venv. */
    record Release(String version, String variable) {
    }

    /** Airflow 3's venv. */
    static AirflowVenv require(Path home) {
        return require(AIRFLOW_3, home);
    }

    /** The release's venv from its variable, else the script's default location. */
    static AirflowVenv require(Release release, Path home) {
        String configured = System.getenv(release.variable());
        Path venv = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "fsc", "airflow-" + release.version());
        boolean present = Files.isExecutable(venv.resolve("bin").resolve("airflow"));
        String missing = "no Airflow " + release.version() + " virtualenv at " + venv + "; create it with .ci/airflow-venv.sh "
                + release.version() + " (or set " + release.variable() + ")";
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(present, missing);
        } else {
            Assumptions.assumeTrue(present, "skipped: " + missing);
        }
        return new AirflowVenv(release.version(), venv, home);
    }

    /** Runs {@code bin/<program> args} with this home and the extra environment; output to {@code log}; the exit code. */
    int run(String program, List<String> args, Map<String, String> env, Path log, Duration timeout) {
        List<String> command = command(program, args);
        try {
            Process process = start(program, args, env, log);
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeout + "; log: " + log);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Starts {@code bin/<program> args} (e.g. a server) with this home and the extra environment; output to {@code log}. */
    Process start(String program, List<String> args, Map<String, String> env, Path log) {
        try {
            Files.createDirectories(home);
            Files.createDirectories(log.getParent());
            ProcessBuilder pb = new ProcessBuilder(command(program, args)).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("AIRFLOW_HOME", home.toString());
            pb.environment().put("AIRFLOW__CORE__LOAD_EXAMPLES", "False");
            pb.environment().putAll(env);
            Process process = pb.start();
            process.getOutputStream().close();
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> command(String program, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(venv.resolve("bin").resolve(program).toString());
        command.addAll(args);
        return command;
    }
}
