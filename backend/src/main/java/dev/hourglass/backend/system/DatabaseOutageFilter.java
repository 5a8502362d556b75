package dev.hourglass.backend.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request that fails because the database cannot be reached (in a controller, or earlier, in authentication)
 * answers 503 with a Retry-After and a problem+json body, without a stack trace in the log: a client or an agent
 * retries, and the outage is logged once by {@link DatabaseOutage}. The pool gives up on a connection within
 * seconds ({@code spring.datasource.hikari.connection-timeout}), so callers do not hang.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class DatabaseOutageFilter extends OncePerRequestFilter {

    static final int RETRY_AFTER_SECONDS = 5;

    private final DatabaseOutage outage;
    private final ProblemResponses problems;

    public DatabaseOutageFilter(DatabaseOutage outage, ProblemResponses problems) {
        this.outage = outage;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!DatabaseOutage.isUnreachable(e) || response.isCommitted()) {
                throw e;
            }
            outage.failed(e);
            response.resetBuffer();
            response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
            problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "the database is unavailable right"
                    + " now; retry in " + RETRY_AFTER_SECONDS + " s (a request that changes something may or may not"
                    + " have been applied: repeat it with the same Idempotency-Key, or check before repeating it)");
        }
    }
}
