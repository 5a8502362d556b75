package dev.hourglass.backend.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another user of the machine must not reach the embedded database of {@code ./hourglass up}: with PostgreSQL's
 * "trust", anyone could connect to it and write themselves an admin token. Only the password that the control plane
 * keeps in {@code $HOURGLASS_HOME/db-password} (mode 600) opens it, on a new cluster and on one an earlier version
 * made with trust.
 */
@Tag("system")
class EmbeddedDatabaseAccessTest {

    @TempDir
    Path home;

    @Test
    void aNewDatabaseOpensOnlyWithThePasswordKeptInTheHome() throws Exception {
        try (EmbeddedDatabaseConfig.EmbeddedDatabase database = EmbeddedDatabaseConfig.start(home)) {
            assertOnlyThePasswordOpens(database);
        }
        Path passwordFile = home.resolve("db-password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");

        try (EmbeddedDatabaseConfig.EmbeddedDatabase again = EmbeddedDatabaseConfig.start(home)) {
            assertThat(again.password()).isEqualTo(Files.readString(passwordFile).strip());
            assertOnlyThePasswordOpens(again);
        }
    }

    @Test
    void aDatabaseThatTrustedEveryLocalConnectionIsLockedOnItsNextStart() throws Exception {
        try (EmbeddedPostgres earlier = EmbeddedPostgres.builder().setDataDirectory(home.resolve("db"))
                .setCleanDataDirectory(false).start()) {
            try (Connection anyone = connect(earlier.getPort(), null)) {
                assertThat(anyone.isValid(5)).as("the earlier version's trust").isTrue();
            }
        }

        try (EmbeddedDatabaseConfig.EmbeddedDatabase database = EmbeddedDatabaseConfig.start(home)) {
            assertOnlyThePasswordOpens(database);
        }
    }

    private static void assertOnlyThePasswordOpens(EmbeddedDatabaseConfig.EmbeddedDatabase database)
            throws SQLException {
        int port = database.server().getPort();
        assertThatThrownBy(() -> connect(port, null)).isInstanceOf(SQLException.class)
                .hasMessageContaining("password");
        assertThatThrownBy(() -> connect(port, "guessed")).isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
        try (Connection owner = connect(port, database.password()); Statement statement = owner.createStatement();
             ResultSet row = statement.executeQuery("show listen_addresses")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo("localhost");
        }
    }

    private static Connection connect(int port, String password) throws SQLException {
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres"
                + (password == null ? "" : "&password=" + password);
        return DriverManager.getConnection(url);
    }
}
