package dev.hourglass.backend.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hourglass.backend.idempotency.IdempotencyKeys.Answer;
import dev.hourglass.backend.idempotency.IdempotencyKeys.FirstUse;
import dev.hourglass.backend.security.ApiTokenAuthenticationFilter;
import dev.hourglass.backend.security.HourglassPrincipal;
import dev.hourglass.backend.system.ProblemResponses;
import dev.hourglass.backend.system.RequestSizeLimitFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on the API's creating POSTs (jobs, their cancellation, teams, users): the first request
 * with a key does the work and its answer is kept; a repeat with the same key and the same request (method, path and
 * JSON body, whatever the order of its fields) gets that answer again, marked {@code Idempotent-Replayed: true}, and
 * changes nothing; the same key with another request is refused with 422. Only a successful answer is kept: a request
 * that was refused or failed leaves its key free, so that its retry runs again. Keys belong to the caller and are
 * kept {@code hourglass.idempotency-retention} (a day by default). Creating an API token refuses the header: a
 * token's secret is shown once and never stored.
 */
public class IdempotentRequestFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    public static final int MAX_KEY_LENGTH = 255;
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x21-\\x7E]([\\x20-\\x7E]*[\\x21-\\x7E])?");
    private static final Pattern TOKEN_CREATION = Pattern.compile("/api/v1/users/[^/]+/tokens/?");
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final IdempotencyKeys keys;
    private final TransactionTemplate transactions;
    private final ProblemResponses problems;
    private final Duration retention;

    public IdempotentRequestFilter(IdempotencyKeys keys, PlatformTransactionManager transactions,
                                   ProblemResponses problems, Duration retention) {
        this.keys = keys;
        this.transactions = new TransactionTemplate(transactions);
        this.problems = problems;
        this.retention = retention;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
                || request.getRequestURI().startsWith(ApiTokenAuthenticationFilter.AGENT_PATHS);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof HourglassPrincipal caller)) {
            chain.doFilter(request, response);
            return;
        }
        if (key.length() > MAX_KEY_LENGTH || !PRINTABLE_ASCII.matcher(key).matches()) {
            problems.write(request, response, HttpStatus.BAD_REQUEST, HEADER + " must be 1 to " + MAX_KEY_LENGTH
                    + " printable ASCII characters, such as a UUID");
            return;
        }
        if (TOKEN_CREATION.matcher(request.getRequestURI()).matches()) {
            problems.write(request, response, HttpStatus.BAD_REQUEST, HEADER + " is not accepted when creating an"
                    + " API token: its secret is shown once and never stored, so it could not be given again; if the"
                    + " answer was lost, revoke the token by its name and create another");
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (RequestSizeLimitFilter.BodyTooLargeException e) {
            problems.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
            return;
        }
        String requestHash = fingerprint(request, body);
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        Optional<FirstUse> firstUse;
        try {
            firstUse = transactions.execute(transaction -> {
                Optional<FirstUse> earlier = keys.reserve(caller.userId(), key, requestHash, retention);
                if (earlier.isPresent()) {
                    return earlier;
                }
                run(chain, new ReplayableRequest(request, body), captured);
                if (HttpStatus.valueOf(captured.getStatus()).is2xxSuccessful()) {
                    keys.answered(caller.userId(), key, new Answer(captured.getStatus(),
                            captured.getHeader(HttpHeaders.LOCATION), captured.getContentType(),
                            captured.getContentAsByteArray()));
                } else {
                    transaction.setRollbackOnly(); // the key stays free: a retry runs again
                }
                return Optional.<FirstUse>empty();
            });
        } catch (ChainFailure failure) {
            failure.rethrow();
            return;
        }
        if (firstUse.isEmpty()) {
            captured.copyBodyToResponse();
        } else if (firstUse.get().requestHash().equals(requestHash)) {
            replay(firstUse.get().answer(), response);
        } else {
            problems.write(request, response, HttpStatus.UNPROCESSABLE_ENTITY, HEADER + " '" + key + "' was used"
                    + " with another request (method, path or body); send a new key for a new request");
        }
    }

    private static void run(FilterChain chain, HttpServletRequest request, HttpServletResponse response) {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException e) {
            throw new ChainFailure(e);
        }
    }

    private static void replay(Answer answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.status());
        if (answer.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, answer.location());
        }
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        response.setHeader(REPLAYED, "true");
        if (answer.body() != null) {
            response.setContentLength(answer.body().length);
            response.getOutputStream().write(answer.body());
        }
    }

    /** The method, path, query and body, the body's JSON fields in a fixed order, hashed. */
    static String fingerprint(HttpServletRequest request, byte[] body) {
        String query = request.getQueryString();
        String target = request.getMethod() + " " + request.getRequestURI() + (query == null ? "" : "?" + query) + "\n";
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        sha256.update(target.getBytes(StandardCharsets.UTF_8));
        sha256.update(canonicalJson(body));
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static byte[] canonicalJson(byte[] body) {
        try {
            JsonNode tree = CANONICAL.readTree(body);
            return tree == null ? body : CANONICAL.writeValueAsBytes(CANONICAL.treeToValue(tree, Object.class));
        } catch (IOException notJson) {
            return body;
        }
    }

    /** The request with its body, already read for the fingerprint, to read again. */
    private static final class ReplayableRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        ReplayableRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }

    /** A checked failure of the filter chain, carried out of the transaction that rolled back because of it. */
    private static final class ChainFailure extends RuntimeException {

        ChainFailure(Exception cause) {
            super(cause);
        }

        void rethrow() throws IOException, ServletException {
            if (getCause() instanceof IOException io) {
                throw io;
            }
            throw (ServletException) getCause();
        }
    }
}
