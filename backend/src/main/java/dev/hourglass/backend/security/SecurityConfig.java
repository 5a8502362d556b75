package dev.hourglass.backend.security;

import dev.hourglass.backend.accounts.ApiTokenService;
import dev.hourglass.backend.idempotency.IdempotencyKeys;
import dev.hourglass.backend.idempotency.IdempotentRequestFilter;
import dev.hourglass.backend.system.HourglassProperties;
import dev.hourglass.backend.system.ProblemResponses;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Two filter chains: the API answers 401/403 as problem+json and accepts bearer tokens or a login session;
 * pages redirect to the login form. Who may do what inside a team is decided by the services.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    static final String PROMETHEUS = "/actuator/prometheus";

    /**
     * No observations of Spring Security's filters, authentication or authorization: disabling them by property still
     * wraps each of the chain's filters per request, which cost more than the rest of a job submission's filters.
     * The HTTP server's own observation (http.server.requests) stays.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiTokenService tokens, HourglassProperties properties,
                            ProblemResponses problems, IdempotencyKeys idempotencyKeys,
                            PlatformTransactionManager transactions) throws Exception {
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests
                        // The request that started a long-poll or an event stream was authorised already.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(ApiTokenAuthenticationFilter.AGENT_PATHS + "**").hasRole("AGENT")
                        .requestMatchers(HttpMethod.POST, "/api/v1/teams").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.PUT, "/api/v1/teams/*/quota").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/v1/nodes/*/drain", "/api/v1/nodes/*/undrain")
                        .hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/v1/users").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/v1/users").hasRole("ADMIN")
                        .anyRequest().hasAnyRole("ADMIN", "MEMBER"))
                .addFilterBefore(new ApiTokenAuthenticationFilter(tokens, properties.agentToken(), null, problems),
                        UsernamePasswordAuthenticationFilter.class)
                .addFilterAfter(new IdempotentRequestFilter(idempotencyKeys, transactions, problems,
                        properties.idempotencyRetention()), AuthorizationFilter.class)
                // An API call neither needs nor gets a session of its own: a 401 does not save the request for after
                // a login, which would start one.
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                // A forged cross-site request rides on a session cookie: bearer-token calls and calls without a
                // session cannot be forged that way, and the latter then get a 401, not a CSRF 403.
                .csrf(csrf -> csrf.ignoringRequestMatchers(request -> ApiTokenAuthenticationFilter.hasBearer(request)
                        || request.getSession(false) == null))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, ApiTokenAuthenticationFilter.CHALLENGE);
                            problems.write(request, response, HttpStatus.UNAUTHORIZED, "authentication required: send"
                                    + " 'Authorization: Bearer <token>' (create a token at POST"
                                    + " /api/v1/users/{username}/tokens) or log in");
                        })
                        .accessDeniedHandler((request, response, e) -> problems.write(request, response,
                                HttpStatus.FORBIDDEN, "forbidden: your role does not allow " + request.getMethod()
                                        + " " + request.getRequestURI())))
                .build();
    }

    /**
     * The service's own metrics, for a Prometheus server: an admin's API token or the scrape token
     * ({@code hourglass.metrics-token}), never anonymous (they name teams and their load).
     */
    @Bean
    @Order(0)
    SecurityFilterChain metricsScrape(HttpSecurity http, ApiTokenService tokens, HourglassProperties properties,
                                      ProblemResponses problems) throws Exception {
        return http.securityMatcher(PROMETHEUS)
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAnyRole("ADMIN", "SCRAPER"))
                .addFilterBefore(new ApiTokenAuthenticationFilter(tokens, null, properties.metricsToken(), problems),
                        UsernamePasswordAuthenticationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, ApiTokenAuthenticationFilter.CHALLENGE);
                            problems.write(request, response, HttpStatus.UNAUTHORIZED, "the metrics need"
                                    + " 'Authorization: Bearer <token>': an admin's API token or the scrape token"
                                    + " (hourglass.metrics-token)");
                        })
                        .accessDeniedHandler((request, response, e) -> problems.write(request, response,
                                HttpStatus.FORBIDDEN, "the metrics are for admins and the scrape token only")))
                .build();
    }

    /** The web UI: a login session, CSRF tokens in every form, admin pages for admins (403 page otherwise). */
    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/error", "/actuator/health", "/actuator/health/**",
                                "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/css/**", "/js/**",
                                "/webjars/**", "/favicon.ico", "/favicon.svg").permitAll()
                        .requestMatchers("/teams", "/teams/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/users", "/cluster/nodes/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .build();
    }
}
