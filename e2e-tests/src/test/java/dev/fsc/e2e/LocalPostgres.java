package dev.fsc.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server from the OS binaries (Debian's {@code postgresql} package), in a fresh temporary
 * cluster with {@code wal_level=logical} on a free port: what the Debezium connector captures from. The
 * superuser {@code fsc} logs in over TCP with a password (scram), so a connector only gets in if Kafka Connect
 * resolved the password reference of its config. PostgreSQL refuses to run as root: then it runs as the OS
 * user {@code postgres}.
 */
final class LocalPostgres implements AutoCloseable {
    static final String USER = "fsc";
    private static final String OS_USER = "postgres";

    private final Path bin;
    private final Path dir;
    private final int port;
    private final String password;

    private LocalPostgres(Path bin, Path dir, int port, String password) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.password = password;
    }

    static LocalPostgres start(String password) throws IOException, InterruptedException {
        Path bin = binaries().orElseThrow(() -> new IOException("PostgreSQL binaries (pg_ctl, initdb) not found: "
                + "install Debian's postgresql package (.ci/run does)"));
        // under /tmp, not the build folder: the postgres OS user must be able to reach it
        Path dir = Files.createTempDirectory("fsc-postgres-");
        Path passwordFile = Files.writeString(dir.resolve("password"), password);
        if (isRoot()) {
            run(dir, List.of("chown", "-R", OS_USER + ":", dir.toString()));
        }
        LocalPostgres postgres = new LocalPostgres(bin, dir, freePort(), password);
        postgres.asOwner(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER,
                "--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile=" + passwordFile, "-E", "UTF8", "--no-sync"));
        postgres.asOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                dir.resolve("server.log").toString(), "-w", "-t", "60", "-o", String.join(" ", "-p", Integer.toString(postgres.port),
                        "-c listen_addresses=127.0.0.1", "-c unix_socket_directories=" + dir, "-c wal_level=logical",
                        "-c max_replication_slots=4", "-c max_wal_senders=4", "-c fsync=off"), "start"));
        return postgres;
    }

    int port() {
        return port;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, USER, password);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            asOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "stop"));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void asOwner(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        full.addAll(command);
        run(dir, full);
    }

    private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path log = dir.resolve("command.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (process.waitFor() != 0) {
            Path server = dir.resolve("server.log");
            throw new IOException(String.join(" ", command) + " failed:\n" + Files.readString(log)
                    + (Files.exists(server) ? Files.readString(server) : ""));
        }
    }

    /** pg_ctl on the PATH, else the newest {@code /usr/lib/postgresql/<version>/bin}. */
    private static Optional<Path> binaries() throws IOException {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path pgCtl = Path.of(entry, "pg_ctl");
            if (Files.isExecutable(pgCtl)) {
                return Optional.of(pgCtl.toRealPath().getParent());
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(debian)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(debian)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))));
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
