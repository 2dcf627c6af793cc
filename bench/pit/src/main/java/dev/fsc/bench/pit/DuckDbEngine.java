package dev.fsc.bench.pit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * DuckDB, in-process through JDBC, in-memory database, {@code SET threads = 2}. {@code build} and {@code probe}
 * are views over {@code read_parquet(...)}, so like Spark each timed query scans and decodes the Parquet files.
 * Timed per query: the same as for Spark (plan, scan, join, checksum, fetching its one row). Not timed: opening
 * the connection.
 */
public final class DuckDbEngine implements Engine {
    private final Connection conn;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pit-timeout");
        t.setDaemon(true);
        return t;
    });

    public DuckDbEngine(int threads, String memoryLimit, Path tmp) throws SQLException {
        conn = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = conn.createStatement()) {
            st.execute("SET threads = " + threads);
            st.execute("SET memory_limit = '" + memoryLimit + "'");
            st.execute("SET temp_directory = '" + tmp + "'");
            st.execute("SET TimeZone = 'UTC'");
        }
    }

    public String version() throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT version()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public void use(Scenario s, Path data) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE OR REPLACE VIEW build AS SELECT * FROM read_parquet('" + s.buildDir(data) + "/*.parquet')");
            st.execute("CREATE OR REPLACE VIEW probe AS SELECT * FROM read_parquet('" + s.probeDir(data) + "/*.parquet')");
        }
    }

    @Override
    public Checksum run(String sql, double timeoutSeconds) throws Exception {
        // sum(BIGINT) is a HUGEINT in DuckDB: read as text
        String[] p = runRaw(sql, timeoutSeconds).split(",");
        return new Checksum(Long.parseLong(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3]));
    }

    @Override
    public String runRaw(String sql, double timeoutSeconds) throws Exception {
        try (Statement st = conn.createStatement()) {
            AtomicBoolean cancelled = new AtomicBoolean();
            ScheduledFuture<?> f = timer.schedule(() -> {
                cancelled.set(true);
                try {
                    st.cancel();
                } catch (SQLException ignored) {
                    // the query finished meanwhile
                }
            }, (long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS);
            try (ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    sb.append(i == 1 ? "" : ",").append(rs.getString(i));
                }
                return sb.toString();
            } catch (SQLException ex) {
                if (cancelled.get()) {
                    throw new TimeoutException();
                }
                throw ex;
            } finally {
                f.cancel(false);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        timer.shutdownNow();
        conn.close();
    }
}
