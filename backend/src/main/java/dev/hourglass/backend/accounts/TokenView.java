package dev.hourglass.backend.accounts;

import java.time.Instant;

/** A token as listed later: never the token itself. */
public record TokenView(long id, String name, Instant createdAt, Instant lastUsedAt, Instant revokedAt,
                        Instant expiresAt) {

    static TokenView of(ApiToken token) {
        return new TokenView(token.getId(), token.getName(), token.getCreatedAt(), token.getLastUsedAt(),
                token.getRevokedAt(), token.getExpiresAt());
    }

    public boolean expired() {
        return expiresAt != null && !expiresAt.isAfter(Instant.now());
    }
}
