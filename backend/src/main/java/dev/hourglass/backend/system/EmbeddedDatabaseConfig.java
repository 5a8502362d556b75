package dev.hourglass.backend.system;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The default database of {@code ./hourglass up}: a real PostgreSQL 16 started from a jar, its data kept in
 * {@code $HOURGLASS_HOME/db}, so one SQL dialect and one set of migrations serve every deployment.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "hourglass.embedded-database", havingValue = "true")
public class EmbeddedDatabaseConfig {

    /** How long a server left by a killed control plane gets to shut down before it is killed. */
    private static final Duration LEFTOVER_SHUTDOWN = Duration.ofSeconds(60);

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(HourglassProperties properties) throws IOException {
        if (properties.home() == null) {
            throw new IllegalStateException("hourglass.embedded-database=true needs hourglass.home (HOURGLASS_HOME)"
                    + " for the database files");
        }
        return start(properties.home());
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedDatabase database) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(database.server().getJdbcUrl("postgres", "postgres"));
        pool.setUsername("postgres");
        pool.setPassword(database.password());
        pool.setMaximumPoolSize(10);
        pool.setConnectionTimeout(3_000);
        pool.addDataSourceProperty("reWriteBatchedInserts", "true");
        return pool;
    }

    /** The running server and the password it requires. */
    record EmbeddedDatabase(EmbeddedPostgres server, String password) implements AutoCloseable {

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /**
     * Starts the server on {@code home/db} (made on first use), after stopping one that a killed control plane left
     * running there. Only loopback and a Unix socket, and only with the password in {@code home/db-password}.
     * Durable: a commit the API has answered survives a crash of the server or the machine (the library's defaults,
     * made for tests, run without fsync and with asynchronous commits).
     */
    static EmbeddedDatabase start(Path home) throws IOException {
        Path dataDirectory = home.resolve("db");
        Files.createDirectories(dataDirectory);
        Path passwordFile = home.resolve("db-password");
        String password = DatabasePassword.readOrCreate(passwordFile);
        LeftoverPostmaster.stopIfOrphaned(dataDirectory, LEFTOVER_SHUTDOWN);
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                // initdb's options, for a new cluster: password authentication from the first start
                .setLocaleConfig("auth", "scram-sha-256")
                .setLocaleConfig("pwfile", passwordFile.toAbsolutePath().toString())
                .setConnectConfig("password", password)
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
        try {
            PasswordAuthentication.require(server.getPostgresDatabase(), dataDirectory, password);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return new EmbeddedDatabase(server, password);
    }
}
