package dev.hourglass.backend.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without JavaScript, over plain HTTP: a cookie jar, the login form, and form posts with or without
 * the CSRF token the pages embed. Redirects are not followed, so that tests see where they point.
 */
public final class WebSession {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final HttpClient http;

    public WebSession(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A page: status, where a redirect points, and the HTML. */
    public record Page(int status, String location, String contentType, String html) {

        /** The CSRF token of the page's forms. */
        public String csrfToken() {
            Matcher token = CSRF_FIELD.matcher(html);
            if (!token.find()) {
                throw new AssertionError("no CSRF token in a form of this page (HTTP " + status + ")");
            }
            return token.group(1);
        }
    }

    public WebSession logIn(String username, String password) {
        String token = get("/login").csrfToken();
        Page landed = post("/login", Map.of("username", username, "password", password, "_csrf", token));
        if (landed.status() != 302 || landed.location().contains("error")) {
            throw new AssertionError("the login of " + username + " failed: " + landed.status() + " -> " + landed.location());
        }
        return this;
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** Posts the fields as a form would; add {@code _csrf} to send the token. */
    public Page post(String path, Map<String, String> fields) {
        String body = new LinkedHashMap<>(fields).entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.header("Accept", "text/html").timeout(Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return new Page(response.statusCode(), response.headers().firstValue("Location").orElse(""),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
