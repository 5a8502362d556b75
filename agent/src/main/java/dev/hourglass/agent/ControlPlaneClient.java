package dev.hourglass.agent;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.protocol.Assignments;
import dev.hourglass.protocol.JobReport;
import dev.hourglass.protocol.MetricBatch;
import dev.hourglass.protocol.MetricBatchReceipt;
import dev.hourglass.protocol.NodeRegistration;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The agent endpoints of the control plane ({@code /api/v1/agent/**}), called with the agent token. */
public final class ControlPlaneClient {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;
    private final ControlPlaneOutage outage;

    public ControlPlaneClient(String controlPlaneUrl, String token) {
        this.base = controlPlaneUrl.replaceAll("/+$", "") + "/api/v1/agent";
        this.token = token;
        this.outage = new ControlPlaneOutage(controlPlaneUrl);
    }

    /** The control plane answered, but not with success; {@code status} 0 when it could not be reached. */
    public static final class ControlPlaneException extends IOException {
        private final int status;

        ControlPlaneException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }

        /** Unreachable, or a server error (its database down, a restart): worth retrying, logged by the client. */
        public boolean isUnavailable() {
            return status == 0 || status / 100 == 5;
        }
    }

    public void register(NodeRegistration registration) throws IOException {
        send("POST", "/nodes", registration, Duration.ofSeconds(10));
    }

    /**
     * @param timeout at most the heartbeat interval: a call that hangs (a control plane going down mid-request)
     *                must not keep a live node silent for the three intervals that make it LOST
     */
    public void heartbeat(String node, Duration timeout) throws IOException {
        send("POST", "/nodes/" + node + "/heartbeat", Map.of(), timeout);
    }

    public Assignments assignments(String node, Long after, int waitSeconds) throws IOException {
        String query = "?waitSeconds=" + waitSeconds + (after == null ? "" : "&after=" + after);
        JsonNode answer = send("GET", "/nodes/" + node + "/assignments" + query, null,
                Duration.ofSeconds(waitSeconds + 15L));
        return JSON.treeToValue(answer, Assignments.class);
    }

    public void ready(long jobId, String node) throws IOException {
        send("POST", "/jobs/" + jobId + "/ready", Map.of("node", node), Duration.ofSeconds(10));
    }

    public void report(long jobId, JobReport report) throws IOException {
        send("POST", "/jobs/" + jobId + "/status", report, Duration.ofSeconds(10));
    }

    public MetricBatchReceipt send(long jobId, MetricBatch batch) throws IOException {
        return JSON.treeToValue(send("POST", "/jobs/" + jobId + "/metrics", batch, Duration.ofSeconds(30)),
                MetricBatchReceipt.class);
    }

    private JsonNode send(String method, String path, Object body, Duration timeout) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling the control plane", e);
        } catch (IOException unreachable) {
            ControlPlaneException failure = new ControlPlaneException(0, "control plane unreachable at " + base + ": "
                    + unreachable);
            outage.failed(failure.getMessage());
            throw failure;
        }
        JsonNode json;
        try {
            json = response.body() == null || response.body().isBlank() ? JSON.nullNode()
                    : JSON.readTree(response.body());
        } catch (IOException notJson) {
            json = JSON.nullNode();
        }
        if (response.statusCode() / 100 != 2) {
            String detail = json.hasNonNull("detail") ? json.get("detail").asText() : response.body();
            ControlPlaneException failure = new ControlPlaneException(response.statusCode(), method + " " + path
                    + " answered " + response.statusCode() + ": " + detail);
            if (failure.isUnavailable()) {
                outage.failed(failure.getMessage());
            } else {
                outage.answered();
            }
            throw failure;
        }
        outage.answered();
        return json;
    }
}
