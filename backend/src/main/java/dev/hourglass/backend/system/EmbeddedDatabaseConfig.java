package dev.hourglass.backend.system;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(HourglassProperties properties) throws IOException {
        if (properties.home() == null) {
            throw new IllegalStateException("hourglass.embedded-database=true needs hourglass.home (HOURGLASS_HOME)"
                    + " for the database files");
        }
        Path dataDirectory = properties.home().resolve("db");
        Files.createDirectories(dataDirectory);
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
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
