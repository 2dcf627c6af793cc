package dev.fsc.compiler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a small fsc project into a (temporary) folder: fsc.yaml plus the spec files a test adds. */
public final class TestProject {
    /** A stream source with one column of each type the typing tests need. */
    public static final String ORDERS = """
            kind: source
            name: orders
            type: stream
            stream: { topic: orders, format: json }
            event_time: ts
            columns:
              order_id: BIGINT NOT NULL
              user_id: BIGINT NOT NULL
              qty: INTEGER
              amount: DECIMAL(12,2)
              status: VARCHAR
              ts: TIMESTAMP(3) NOT NULL
            """;

    /** A CDC source: rows versioned by user_id, so it can be joined FOR SYSTEM_TIME AS OF. */
    public static final String USERS = """
            kind: source
            name: users
            type: cdc
            cdc: { database: pg, table: public.users }
            primary_key: [user_id]
            event_time: updated_at
            columns:
              user_id: BIGINT NOT NULL
              country: VARCHAR
              updated_at: TIMESTAMP(3) NOT NULL
            """;

    public static final String USER = """
            kind: entity
            name: user
            keys: { user_id: BIGINT }
            """;

    private final Path root;

    private TestProject(Path root) {
        this.root = root;
    }

    /** A project named {@code t} in {@code root}, with the orders and users sources and the user entity. */
    public static TestProject withBasics(Path root) {
        return empty(root).file("sources/orders.yaml", ORDERS).file("sources/users.yaml", USERS).file("entities.yaml", USER);
    }

    /** A project with only {@code fsc.yaml}. */
    public static TestProject empty(Path root) {
        return new TestProject(root).file("fsc.yaml", "project: t\n");
    }

    public TestProject file(String relative, String text) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A feature view on orders for entity user, with the given {@code features:} list (indented YAML items). */
    public TestProject view(String relative, String name, String extra, String features) {
        return file(relative, "kind: feature_view\nname: " + name + "\nentity: user\nsource: orders\n" + extra
                + "features:\n" + features);
    }

    public Path root() {
        return root;
    }

    public CompileResult compile() {
        return new Compiler().compile(root);
    }
}
