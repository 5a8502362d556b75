package dev.hourglass.backend.system;

import dev.hourglass.backend.security.ApiTokenAuthenticationFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies above {@code hourglass.max-request-bytes} (agents' metric batches: above
 * {@code hourglass.max-agent-request-bytes}) with 413: declared lengths at once, chunked bodies as soon as
 * they cross the limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final int userLimit;
    private final int agentLimit;
    private final ProblemResponses problems;

    public RequestSizeLimitFilter(HourglassProperties properties, ProblemResponses problems) {
        this.userLimit = properties.maxRequestBytes();
        this.agentLimit = properties.maxAgentRequestBytes();
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        int limit = request.getRequestURI().startsWith(ApiTokenAuthenticationFilter.AGENT_PATHS) ? agentLimit : userLimit;
        if (request.getContentLengthLong() > limit) {
            problems.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, tooLarge(limit));
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    private static String tooLarge(int limit) {
        return "request body is larger than the limit of " + limit + " bytes";
    }

    /** Thrown from a body read that crosses the limit; the problem handler answers 413. */
    public static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(String message) {
            super(message);
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final int limit;

        LimitedRequest(HttpServletRequest request, int limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream body = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = body.read();
                    if (b >= 0) {
                        count(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = body.read(buffer, offset, length);
                    if (n > 0) {
                        count(n);
                    }
                    return n;
                }

                private void count(int n) throws BodyTooLargeException {
                    read += n;
                    if (read > limit) {
                        throw new BodyTooLargeException(tooLarge(limit));
                    }
                }

                @Override
                public boolean isFinished() {
                    return body.isFinished();
                }

                @Override
                public boolean isReady() {
                    return body.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    body.setReadListener(listener);
                }
            };
        }
    }
}
