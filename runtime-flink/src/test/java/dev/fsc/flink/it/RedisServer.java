package dev.fsc.flink.it;

import org.junit.jupiter.api.Assumptions;
import redis.clients.jedis.RedisClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real {@code redis-server} (OS package) on a free port, started and stopped by the test. */
public final class RedisServer implements AutoCloseable {
    private final Process process;
    public final int port;

    private RedisServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static RedisServer start(Path dir) throws Exception {
        boolean installed = new ProcessBuilder("sh", "-c", "command -v redis-server").start().waitFor() == 0;
        if (!installed) {
            if (System.getenv("CI") != null) {
                throw new IllegalStateException("redis-server is missing; .ci/run installs it");
            }
            Assumptions.abort("redis-server not installed (apt-get install redis-server); skipped outside CI");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        java.nio.file.Files.createDirectories(dir);
        Process p = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        RedisServer server = new RedisServer(p, port);
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            try (RedisClient c = server.client(0)) {
                c.ping();
                return server;
            } catch (RuntimeException e) {
                if (System.currentTimeMillis() > deadline) {
                    server.close();
                    throw new IOException("redis-server did not answer on port " + port, e);
                }
                Thread.sleep(100);
            }
        }
    }

    public String uri(int db) {
        return "redis://127.0.0.1:" + port + "/" + db;
    }

    public RedisClient client(int db) {
        return RedisClient.create(java.net.URI.create(uri(db)));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
