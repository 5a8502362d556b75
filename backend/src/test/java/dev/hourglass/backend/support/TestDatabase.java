package dev.hourglass.backend.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh PostgreSQL database for this test JVM: on the server at {@code HOURGLASS_TEST_DB_URL} (default the
 * local 127.0.0.1:5432, database test) when it answers, otherwise on an embedded PostgreSQL started from its
 * jar. Dropped when the JVM exits. Either way a real PostgreSQL: there is no in-memory stand-in.
 */
public final class TestDatabase {

    private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static TestDatabase instance;

    private final String url;
    private final String user;

    private TestDatabase(String url, String user) {
        this.url = url;
        this.user = user;
    }

    /** The database this JVM's tests share. */
    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = fresh();
        }
        return instance;
    }

    /**
     * A database of its own, for a test that needs no other control plane of this JVM watching its nodes (every
     * control-plane context the test framework keeps cached runs its health monitor on the shared database).
     */
    public static TestDatabase fresh() {
        return create();
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, "");
    }

    private static TestDatabase create() {
        String serverUrl = System.getenv().getOrDefault("HOURGLASS_TEST_DB_URL", DEFAULT_URL);
        String serverUser = System.getenv().getOrDefault("HOURGLASS_TEST_DB_USER", "postgres");
        String name = "hourglass_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(serverUrl, serverUser, "");
             Statement sql = admin.createStatement()) {
            sql.execute("create database " + name);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(serverUrl, serverUser, name)));
            return new TestDatabase(serverUrl.substring(0, serverUrl.lastIndexOf('/') + 1) + name, serverUser);
        } catch (SQLException unreachable) {
            System.err.println("[test] no PostgreSQL at " + serverUrl + " (" + unreachable.getMessage()
                    + "); starting an embedded PostgreSQL");
            return embedded(unreachable);
        }
    }

    private static TestDatabase embedded(SQLException why) {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
            return new TestDatabase(postgres.getJdbcUrl("postgres", "postgres"), "postgres");
        } catch (IOException | RuntimeException e) {
            IllegalStateException failure = new IllegalStateException("tests need PostgreSQL: none answered at "
                    + "HOURGLASS_TEST_DB_URL and the embedded one did not start: " + e.getMessage(), e);
            failure.addSuppressed(why);
            throw failure;
        }
    }

    private static void drop(String serverUrl, String user, String name) {
        try (Connection admin = DriverManager.getConnection(serverUrl, user, "");
             Statement sql = admin.createStatement()) {
            sql.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            System.err.println("[test] could not drop " + name + ": " + e.getMessage());
        }
    }
}
