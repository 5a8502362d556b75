package dev.hourglass.backend.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Password (SCRAM) authentication on every connection to the embedded database. A cluster made by this version
 * starts that way; one made by an earlier version trusted every local connection, so that any user of the machine
 * could log in and, say, give themselves an admin token: this sets its password and replaces its {@code pg_hba.conf}.
 */
final class PasswordAuthentication {

    static final List<String> HBA_RULES = List.of(
            "# written by Hourglass: every connection needs the password in $HOURGLASS_HOME/db-password",
            "local all all scram-sha-256",
            "host all all 127.0.0.1/32 scram-sha-256",
            "host all all ::1/128 scram-sha-256");
    private static final Logger log = LoggerFactory.getLogger(PasswordAuthentication.class);

    private PasswordAuthentication() {
    }

    /** Makes {@code dataDirectory}'s running server require {@code password}, if it does not already. */
    static void require(DataSource superuser, Path dataDirectory, String password) throws IOException {
        Path hba = dataDirectory.resolve("pg_hba.conf");
        if (Files.readAllLines(hba).equals(HBA_RULES)) {
            return;
        }
        log.warn("the embedded database in {} accepted local connections without a password; it now needs the"
                + " one in $HOURGLASS_HOME/db-password", dataDirectory);
        try (Connection connection = superuser.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("set password_encryption = 'scram-sha-256'");
            statement.execute("alter role postgres password '" + password.replace("'", "''") + "'");
            Files.write(hba, HBA_RULES);
            statement.execute("select pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("could not require a password on the embedded database: " + e.getMessage(), e);
        }
    }
}
