package dev.hourglass.backend.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database of {@code ./hourglass up} after a {@code kill -9} of the control plane: its server lives on,
 * detached; the next start must stop it and come up at the first try with every acknowledged commit, durably
 * configured; while its owner lives, a second start must leave it alone.
 */
@Tag("system")
class EmbeddedDatabaseCrashTest {

    @TempDir
    Path home;

    @Test
    void theFirstStartAfterAKilledControlPlaneSucceedsWithItsCommits() throws Exception {
        Path data = home.resolve("db");
        Process owner = startOwner(home);
        ProcessHandle server;
        try {
            awaitReady(owner);
            server = LeftoverPostmaster.postmaster(data.resolve("postmaster.pid"), data).orElseThrow();

            assertThatThrownBy(() -> EmbeddedDatabaseConfig.start(home)).hasMessageContaining("could not lock");
            assertThat(server.isAlive()).as("a live owner's server is left alone").isTrue();
        } finally {
            owner.destroyForcibly();
            owner.waitFor();
        }
        assertThat(server.isAlive()).as("the server outlives its killed owner").isTrue();

        try (EmbeddedDatabaseConfig.EmbeddedDatabase restarted = EmbeddedDatabaseConfig.start(home);
             Connection connection = restarted.server().getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            assertThat(server.isAlive()).isFalse();
            assertThat(single(statement, "select count(*) from acknowledged")).isEqualTo("1");
            assertThat(single(statement, "show fsync")).isEqualTo("on");
            assertThat(single(statement, "show synchronous_commit")).isEqualTo("on");
            assertThat(single(statement, "show full_page_writes")).isEqualTo("on");
        }
    }

    private static Process startOwner(Path home) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), EmbeddedDatabaseProcess.class.getName(),
                home.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Reads the owner's output until it says the database is up (or it ends, failing with what it printed). */
    private static void awaitReady(Process owner) throws IOException {
        StringBuilder output = new StringBuilder();
        BufferedReader lines = new BufferedReader(new InputStreamReader(owner.getInputStream(),
                StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            output.append(line).append('\n');
            if (line.equals(EmbeddedDatabaseProcess.READY)) {
                Thread drain = new Thread(() -> lines.lines().forEach(ignored -> { }), "owner-output");
                drain.setDaemon(true);
                drain.start();
                return;
            }
        }
        throw new AssertionError("the database process ended before it was ready:\n" + output);
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            assertThat(row.next()).isTrue();
            return row.getString(1);
        }
    }
}
