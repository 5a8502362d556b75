package dev.hourglass.backend.system;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/**
 * A control plane's embedded database in a process of its own, for a test to kill: starts the server in the
 * Hourglass home given, commits one row, prints {@value #READY} and waits to be killed.
 */
public final class EmbeddedDatabaseProcess {

    static final String READY = "embedded database ready";

    private EmbeddedDatabaseProcess() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedDatabaseConfig.EmbeddedDatabase database = EmbeddedDatabaseConfig.start(Path.of(args[0]));
        try (Connection connection = database.server().getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create table acknowledged (id int primary key)");
            statement.execute("insert into acknowledged values (1)");
        }
        System.out.println(READY);
        System.out.flush();
        Thread.currentThread().join();
    }
}
