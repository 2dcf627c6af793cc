package dev.fsc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * {@code fsc deploy} to an environment whose state and DAG folder are on S3, as prod's are. AWS itself cannot be
 * reached from this machine, so S3 is moto's server (PyPI {@code moto[server]}, started by the test from the venv
 * {@code .ci/venv.sh} makes), which implements the conditional writes the lock and the state rely on. The CLI uses
 * the real AWS SDK client against it; only the endpoint differs.
 */
class S3DeployIT {
    private static final Path WORK = Path.of(System.getProperty("fsc.it.dir", "target/it")).toAbsolutePath()
            .resolve("s3-deploy-" + System.currentTimeMillis());
    private static final Map<String, String> AWS = Map.of("aws.region", "us-east-1", "aws.accessKeyId", "fsc-test",
            "aws.secretAccessKey", "fsc-test");

    private static Process moto;
    private static S3Client s3;

    @BeforeAll
    static void startS3() throws Exception {
        String configured = System.getenv("FSC_MOTO_VENV");
        Path venv = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "fsc", "moto-5.2.5");
        Path server = venv.resolve("bin").resolve("moto_server");
        String missing = "no moto server at " + server + "; create it with .ci/venv.sh moto-5.2.5 'moto[server]==5.2.5'";
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(Files.isExecutable(server), missing);
        } else {
            Assumptions.assumeTrue(Files.isExecutable(server), "skipped: " + missing);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.createDirectories(WORK);
        moto = new ProcessBuilder(server.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(WORK.resolve("moto.log").toFile()).start();
        String endpoint = "http://127.0.0.1:" + port;
        AWS.forEach(System::setProperty);
        System.setProperty("aws.endpointUrl", endpoint);
        s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(URI.create(endpoint))
                .forcePathStyle(true).build();
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try {
                s3.listBuckets();
                break;
            } catch (RuntimeException notYet) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("moto did not answer on " + endpoint + "; see " + WORK.resolve("moto.log"), notYet);
                }
                Thread.sleep(200);
            }
        }
        s3.createBucket(b -> b.bucket("fsc-state"));
        s3.createBucket(b -> b.bucket("fsc-dags"));
    }

    @AfterAll
    static void stopS3() throws InterruptedException {
        AWS.keySet().forEach(System::clearProperty);
        System.clearProperty("aws.endpointUrl");
        if (moto != null) {
            moto.destroy();
            moto.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void stateAndDagsOnS3LockedByConditionalWrites() throws IOException {
        ExampleProject project = ExampleProject.copy("marketplace", Files.createDirectories(WORK.resolve("project")));
        Path fscYaml = project.root().resolve("fsc.yaml");
        Files.writeString(fscYaml, Files.readString(fscYaml) + """
                  staging:
                    spark:   { mode: emr-serverless, application_id: "00fabc123def4567", execution_role: "arn:aws:iam::123456789012:role/fsc" }
                    airflow: { dags_dir: "s3://fsc-dags/dags" }
                    state:   "s3://fsc-state/novamind/staging"
                """, StandardCharsets.UTF_8);

        Cli first = fsc("deploy", "--env", "staging", "--auto-approve", "--project", project.root().toString());
        assertEquals(0, first.exit(), first.output());
        String state = object("fsc-state", "novamind/staging/state.json");
        assertTrue(state.contains("\"serial\": 1"), state);
        String daily = object("fsc-dags", "dags/novamind_daily.py");
        assertTrue(daily.contains("novamind_daily"), daily);
        assertEquals(state, object("fsc-state", "novamind/staging/history/000001.json"));
        assertTrue(!object("fsc-state", "novamind/staging/plan.json").isEmpty());
        assertFalse(exists("fsc-state", "novamind/staging/lock.json"), "the lock is released");
        assertFalse(Files.exists(project.root().resolve(".fsc/state/staging/state.json")), "nothing of the state is kept locally");

        Cli second = fsc("deploy", "--env", "staging", "--auto-approve", "--project", project.root().toString());
        assertTrue(second.output().startsWith("No changes. Environment staging is at plan "), second.output());
        Cli plan = fsc("plan", "--diff", "--env", "staging", "--detailed-exitcode", "--project", project.root().toString());
        assertEquals(0, plan.exit(), "plan --env reads the deployed plan from S3: " + plan.output());

        // another deploy, on another machine, holds the lock: this one fails, naming it, and changes nothing
        s3.putObject(b -> b.bucket("fsc-state").key("novamind/staging/lock.json"), RequestBody.fromString(
                "{\"owner\": \"ci@runner-7\", \"host\": \"runner-7\", \"pid\": 4242, \"since\": \"2026-11-23T04:00:00Z\"}\n"));
        Path view = project.root().resolve("features/user_click_stats.yaml");
        Files.writeString(view, Files.readString(view).replace("windows: [15m, 1h, 24h, 7d]", "windows: [15m, 1h, 24h, 7d, 30d]"));
        Cli locked = fsc("deploy", "--env", "staging", "--auto-approve", "--project", project.root().toString());
        assertEquals(1, locked.exit(), locked.output());
        assertTrue(locked.output().contains("another deploy holds the lock of this environment: ci@runner-7 (pid 4242 on runner-7"),
                locked.output());
        assertEquals(state, object("fsc-state", "novamind/staging/state.json"), "the state is unchanged");
        assertEquals(daily, object("fsc-dags", "dags/novamind_daily.py"), "the DAGs are unchanged");

        s3.deleteObject(b -> b.bucket("fsc-state").key("novamind/staging/lock.json"));
        Cli changed = fsc("deploy", "--env", "staging", "--auto-approve", "--project", project.root().toString());
        assertEquals(0, changed.exit(), changed.output());
        assertTrue(object("fsc-state", "novamind/staging/state.json").contains("\"serial\": 2"));
        assertTrue(exists("fsc-state", "novamind/staging/history/000001.json"), "every serial stays in the history");
        Cli status = fsc("status", "--env", "staging", "--project", project.root().toString());
        assertTrue(status.output().contains("DAG        s3://fsc-dags/dags/novamind_daily.py\n"), status.output());
    }

    private record Cli(int exit, String output) {
    }

    private static Cli fsc(String... args) {
        StringWriter out = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(out, true));
        return new Cli(exit, out.toString());
    }

    private static String object(String bucket, String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8);
    }

    private static boolean exists(String bucket, String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }
}
