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
    EmbeddedPostgres embeddedPostgres(HourglassProperties properties) throws IOException {
        if (properties.home() == null) {
            throw new IllegalStateException("hourglass.embedded-database=true needs hourglass.home (HOURGLASS_HOME)"
                    + " for the database files");
        }
        return start(properties.home().resolve("db"));
    }

    /**
     * Starts the server on {@code dataDirectory} (made on first use), after stopping one that a killed control plane
     * left running there. Durable: a commit the API has answered survives a crash of the server or the machine
     * (the library's defaults, made for tests, run without fsync and with asynchronous commits).
     */
    static EmbeddedPostgres start(Path dataDirectory) throws IOException {
        Files.createDirectories(dataDirectory);
        LeftoverPostmaster.stopIfOrphaned(dataDirectory, LEFTOVER_SHUTDOWN);
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        pool.setUsername("postgres");
        pool.setMaximumPoolSize(10);
        pool.addDataSourceProperty("reWriteBatchedInserts", "true");
        return pool;
    }
}
