package dev.hourglass.backend.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Real HTTP against the running control plane, as a pipeline would call it. */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String token;
    private final Map<String, String> headers;

    public ApiClient(String base, String token) {
        this(base, token, Map.of());
    }

    private ApiClient(String base, String token, Map<String, String> headers) {
        this.base = base;
        this.token = token;
        this.headers = headers;
    }

    public ApiClient as(String otherToken) {
        return new ApiClient(base, otherToken, headers);
    }

    public ApiClient anonymous() {
        return new ApiClient(base, null, headers);
    }

    /** This client, sending {@code name: value} with every request too. */
    public ApiClient with(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiClient(base, token, Map.copyOf(more));
    }

    /** A response: status, content type and the body parsed as JSON (null when empty or not JSON). */
    public record Response(int status, String contentType, String raw, JsonNode json,
                           java.net.http.HttpHeaders headers) {
        public String detail() {
            return json == null || json.get("detail") == null ? null : json.get("detail").asText();
        }

        @Override
        public String toString() {
            return status + " " + raw;
        }
    }

    public Response get(String path) {
        return send("GET", path, null, "application/json");
    }

    public Response delete(String path) {
        return send("DELETE", path, null, "application/json");
    }

    public Response post(String path, Object body) {
        return send("POST", path, body, "application/json");
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body, "application/json");
    }

    /** {@code body}: a String is sent as it is (malformed JSON, say); anything else as JSON. */
    public Response send(String method, String path, Object body, String contentType) {
        try {
            String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(text));
            if (text != null) {
                request.header("Content-Type", contentType);
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            JsonNode json = null;
            if (raw != null && !raw.isBlank()) {
                try {
                    json = JSON.readTree(raw);
                } catch (IOException notJson) {
                    json = null;
                }
            }
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), raw,
                    json, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
