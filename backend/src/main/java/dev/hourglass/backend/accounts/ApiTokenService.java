package dev.hourglass.backend.accounts;

import dev.hourglass.backend.security.HourglassPrincipal;
import dev.hourglass.backend.security.Role;
import dev.hourglass.backend.system.ApiException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, checks and revokes API tokens. A token is shown once, at creation; only its hash is kept. */
@Service
public class ApiTokenService {

    public static final int MIN_TOKEN_LENGTH = 16;
    private static final String PREFIX = "hg_";
    /** last_used_at is a hint for people; writing it on every request would double the cost of a call. */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final SecureRandom random = new SecureRandom();
    private final ApiTokenRepository tokens;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    public ApiTokenService(ApiTokenRepository tokens, JdbcClient jdbc, ApplicationEventPublisher events) {
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.events = events;
    }

    /** A new token's only appearance in clear text. */
    public record CreatedToken(long id, String name, String token, Instant createdAt, Instant expiresAt) {
    }

    /** @param expiresInDays the token's life in days; null for one that lasts until revoked */
    @Transactional
    public CreatedToken create(long userId, String name, Integer expiresInDays) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expiresAt = expiresInDays == null ? null
                : Instant.now().plus(Duration.ofDays(expiresInDays)).truncatedTo(ChronoUnit.SECONDS);
        ApiToken saved = tokens.save(new ApiToken(userId, name, TokenHash.of(token), expiresAt));
        return new CreatedToken(saved.getId(), saved.getName(), token, saved.getCreatedAt(), saved.getExpiresAt());
    }

    /** Makes {@code token} a valid token of the user, once (bootstrap from HOURGLASS_ADMIN_TOKEN). */
    @Transactional
    public void ensure(long userId, String name, String token) {
        if (token.length() < MIN_TOKEN_LENGTH) {
            throw new IllegalStateException("the bootstrap admin token must be at least " + MIN_TOKEN_LENGTH
                    + " characters long");
        }
        String hash = TokenHash.of(token);
        if (tokens.findByTokenHash(hash).isEmpty()) {
            tokens.save(new ApiToken(userId, name, hash, null));
        }
    }

    public List<ApiToken> list(long userId) {
        return tokens.findByUserIdOrderById(userId);
    }

    @Transactional
    public ApiToken revoke(long userId, long tokenId) {
        ApiToken token = tokens.findById(tokenId).filter(t -> t.getUserId() == userId)
                .orElseThrow(() -> ApiException.notFound("no token " + tokenId + " for this user"));
        token.revoke(Instant.now());
        events.publishEvent(new Revoked(tokenId));
        return token;
    }

    /** Published when a token is revoked: what it opened (event streams) closes once the revocation commits. */
    public record Revoked(long tokenId) {
    }

    public Optional<HourglassPrincipal> authenticate(String token) {
        Optional<Authenticated> found = jdbc.sql("""
                select k.id, k.last_used_at, u.id, u.username, u.role, u.team_id, t.name
                from api_tokens k join users u on u.id = k.user_id left join teams t on t.id = u.team_id
                where k.token_hash = ? and k.revoked_at is null and (k.expires_at is null or k.expires_at > now())""")
                .param(TokenHash.of(token))
                .query((rs, i) -> new Authenticated(rs.getLong(1), rs.getTimestamp(2),
                        new HourglassPrincipal(rs.getLong(3), rs.getString(4), null, Role.valueOf(rs.getString(5)),
                                rs.getObject(6, Long.class), rs.getString(7), rs.getLong(1))))
                .optional();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Authenticated hit = found.get();
        Instant now = Instant.now();
        if (hit.lastUsed() == null || hit.lastUsed().toInstant().isBefore(now.minus(LAST_USED_RESOLUTION))) {
            jdbc.sql("update api_tokens set last_used_at = ? where id = ?").params(Timestamp.from(now), hit.tokenId())
                    .update();
        }
        return Optional.of(hit.principal());
    }

    private record Authenticated(long tokenId, Timestamp lastUsed, HourglassPrincipal principal) {
    }
}
