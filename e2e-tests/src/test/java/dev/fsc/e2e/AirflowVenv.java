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
record AirflowVenv(Path venv, Path home) {
    static final String DEFAULT_VERSION = "3.3.2";

    /** The venv from {@code FSC_AIRFLOW_VENV}, else the script's default location. */
    static AirflowVenv require(Path home) {
        String configured = System.getenv("FSC_AIRFLOW_VENV");
        Path venv = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "fsc", "airflow-" + DEFAULT_VERSION);
        boolean present = Files.isExecutable(venv.resolve("bin").resolve("airflow"));
        String missing = "no Airflow virtualenv at " + venv + "; create it with .ci/airflow-venv.sh (or set FSC_AIRFLOW_VENV)";
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(present, missing);
        } else {
            Assumptions.assumeTrue(present, "skipped: " + missing);
        }
        return new AirflowVenv(venv, home);
    }

    /** Runs {@code bin/<program> args} with this home and the extra environment; output to {@code log}; the exit code. */
    int run(String program, List<String> args, Map<String, String> env, Path log, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(venv.resolve("bin").resolve(program).toString());
        command.addAll(args);
        try {
            Files.createDirectories(home);
            Files.createDirectories(log.getParent());
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("AIRFLOW_HOME", home.toString());
            pb.environment().put("AIRFLOW__CORE__LOAD_EXAMPLES", "False");
            pb.environment().putAll(env);
            Process process = pb.start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeout + "; log: " + log);
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
