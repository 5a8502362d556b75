package dev.hourglass.bench.controlplane;

import dev.hourglass.agent.ControlPlaneClient;
import dev.hourglass.client.ApiClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The real control plane, started from its jar in a process of its own, on a fresh PostgreSQL database:
 * the local server at HOURGLASS_BENCH_DB_URL (default 127.0.0.1:5432) when it answers, else the embedded
 * PostgreSQL of {@code ./hourglass up}. Closing it stops the process and drops the database.
 */
public final class ControlPlaneProcess implements AutoCloseable {

    public static final String ADMIN_TOKEN = "bench-admin-token-0123456789";
    public static final String AGENT_TOKEN = "bench-agent-token-0123456789";

    private final Process process;
    private final String baseUrl;
    private final String database;
    private final String serverUrl;
    private final String user;
    private final Path home;

    private ControlPlaneProcess(Process process, String baseUrl, String database, String serverUrl, String user,
                                Path home) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.database = database;
        this.serverUrl = serverUrl;
        this.user = user;
        this.home = home;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The REST API through the client generated from its contract, called with {@code token}. */
    public ApiClient apiClient(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUrl);
        client.setConnectTimeout(Duration.ofSeconds(5));
        client.setReadTimeout(Duration.ofSeconds(60));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    /** The agent endpoints, as an agent calls them. */
    public ControlPlaneClient agentClient() {
        return new ControlPlaneClient(baseUrl, AGENT_TOKEN);
    }

    /** Where the database is, for the report. */
    /** CPU time the control plane's process has used so far, on every core. */
    public Duration cpuTime() {
        return process.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException(
                "this platform does not report a process's CPU time"));
    }

    public String databaseDescription() {
        return database == null ? "embedded PostgreSQL" : "PostgreSQL at " + serverUrl;
    }

    public static ControlPlaneProcess start() throws IOException, InterruptedException {
        String jar = System.getProperty("hourglass.backend.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("the control-plane jar is needed: run through ./hourglass bench, which"
                    + " builds it and passes -Dhourglass.backend.jar (got " + jar + ")");
        }
        Path home = Files.createTempDirectory("hourglass-bench");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx1g"));
        // e.g. HOURGLASS_BENCH_JVM_OPTIONS=-XX:StartFlightRecording=filename=cp.jfr to profile the control plane
        String jvmOptions = System.getenv().getOrDefault("HOURGLASS_BENCH_JVM_OPTIONS", "");
        if (!jvmOptions.isBlank()) {
            command.addAll(List.of(jvmOptions.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar,
                "--server.port=" + port, "--hourglass.home=" + home, "--hourglass.agent-token=" + AGENT_TOKEN,
                "--hourglass.bootstrap.admin-token=" + ADMIN_TOKEN, "--logging.level.root=WARN"));
        String serverUrl = System.getenv().getOrDefault("HOURGLASS_BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = System.getenv().getOrDefault("HOURGLASS_BENCH_DB_USER", "postgres");
        String database = "hourglass_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection admin = DriverManager.getConnection(serverUrl, user, "");
             Statement sql = admin.createStatement()) {
            sql.execute("create database " + database);
            command.add("--spring.datasource.url=" + serverUrl.substring(0, serverUrl.lastIndexOf('/') + 1) + database);
            command.add("--spring.datasource.username=" + user);
        } catch (SQLException unreachable) {
            database = null;
            command.add("--hourglass.embedded-database=true");
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve("control-plane.log").toFile()).start();
        ControlPlaneProcess started = new ControlPlaneProcess(process, "http://127.0.0.1:" + port, database, serverUrl,
                user, home);
        started.awaitHealthy();
        return started;
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the control plane exited during start-up; log: "
                        + home.resolve("control-plane.log"));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException("the control plane did not become healthy in 120 s; log: "
                + home.resolve("control-plane.log"));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (database != null) {
            try (Connection admin = DriverManager.getConnection(serverUrl, user, "");
                 Statement sql = admin.createStatement()) {
                sql.execute("drop database if exists " + database + " with (force)");
            } catch (SQLException e) {
                System.err.println("could not drop " + database + ": " + e.getMessage());
            }
        }
    }
}
