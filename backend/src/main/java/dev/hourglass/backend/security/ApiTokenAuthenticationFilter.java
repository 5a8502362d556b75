package dev.hourglass.backend.security;

import dev.hourglass.backend.accounts.ApiTokenService;
import dev.hourglass.backend.system.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <token>}: on agent endpoints the agent token, elsewhere a user's API token or, where
 * the filter is given one, the scrape token of the service's own metrics. A bearer that does not check out is refused
 * with 401 at once; no header leaves the request to the session.
 */
public class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

    /** The endpoints trainer agents call, with the agent token. */
    public static final String AGENT_PATHS = "/api/v1/agent/";
    private static final String BEARER = "Bearer ";
    /** The WWW-Authenticate of a 401 for want of credentials (RFC 6750). */
    public static final String CHALLENGE = "Bearer realm=\"hourglass\"";
    /** The WWW-Authenticate of a 401 for a bearer token that does not check out. */
    static final String INVALID_TOKEN = CHALLENGE + ", error=\"invalid_token\"";

    private final ApiTokenService tokens;
    private final byte[] agentToken;
    private final byte[] scrapeToken;
    private final ProblemResponses problems;

    /**
     * @param agentToken  the agents' token, accepted on {@link #AGENT_PATHS}; null or blank: none
     * @param scrapeToken a token that authenticates as the metrics scraper (role SCRAPER); null or blank: none
     */
    public ApiTokenAuthenticationFilter(ApiTokenService tokens, String agentToken, String scrapeToken,
                                        ProblemResponses problems) {
        this.tokens = tokens;
        this.agentToken = bytes(agentToken);
        this.scrapeToken = bytes(scrapeToken);
        this.problems = problems;
    }

    private static byte[] bytes(String token) {
        return token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    static boolean hasBearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!hasBearer(request)) {
            chain.doFilter(request, response);
            return;
        }
        String token = request.getHeader("Authorization").substring(BEARER.length()).trim();
        Optional<UsernamePasswordAuthenticationToken> authentication = request.getRequestURI().startsWith(AGENT_PATHS)
                ? fixed(agentToken, token, "agent", "ROLE_AGENT")
                : fixed(scrapeToken, token, "scraper", "ROLE_SCRAPER").or(() -> user(token));
        if (authentication.isEmpty()) {
            SecurityContextHolder.clearContext();
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, INVALID_TOKEN);
            problems.write(request, response, HttpStatus.UNAUTHORIZED,
                    "the bearer token is not valid: it is unknown, revoked, or not a token for this endpoint");
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(authentication.get());
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** The caller named {@code who} with {@code role}, if {@code token} is {@code expected}. */
    private static Optional<UsernamePasswordAuthenticationToken> fixed(byte[] expected, String token, String who,
                                                                      String role) {
        if (expected == null || !MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(new UsernamePasswordAuthenticationToken(who, null,
                List.of(new SimpleGrantedAuthority(role))));
    }

    private Optional<UsernamePasswordAuthenticationToken> user(String token) {
        return tokens.authenticate(token)
                .map(principal -> new UsernamePasswordAuthenticationToken(principal, null, principal.getAuthorities()));
    }
}
