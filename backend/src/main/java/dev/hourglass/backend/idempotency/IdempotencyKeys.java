package dev.hourglass.backend.idempotency;

import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The answers kept for each caller's Idempotency-Keys. A key is reserved by inserting its row in the transaction
 * that then does the work and stores the answer: a second request with the same key waits on that row until the
 * first commits (and then replays its answer) or rolls back (and then does the work itself), so two racing retries
 * never both create.
 */
@Repository
public class IdempotencyKeys {

    /** The answer that was given the first time, or the request it was given to when that one is still running. */
    record FirstUse(String requestHash, Answer answer) {
    }

    /** A response as it went out: status, Location, Content-Type and body. */
    record Answer(int status, String location, String contentType, byte[] body) {
    }

    private final JdbcClient jdbc;

    IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Reserves {@code key} for this request, unless it was used within {@code retention}: then what it was used for.
     * Must run in the transaction that does the work; a key used longer ago than {@code retention} is free again.
     */
    Optional<FirstUse> reserve(long callerId, String key, String requestHash, Duration retention) {
        jdbc.sql("delete from idempotency_keys where caller_id = ? and key = ?"
                        + " and created_at < now() - ? * interval '1 second'")
                .params(callerId, key, retention.toSeconds()).update();
        int reserved = jdbc.sql("insert into idempotency_keys (caller_id, key, request_hash) values (?, ?, ?)"
                        + " on conflict do nothing")
                .params(callerId, key, requestHash).update();
        if (reserved == 1) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql("select request_hash, status, location, content_type, body from idempotency_keys"
                        + " where caller_id = ? and key = ?")
                .params(callerId, key)
                .query((row, n) -> new FirstUse(row.getString("request_hash"), new Answer(row.getInt("status"),
                        row.getString("location"), row.getString("content_type"), row.getBytes("body"))))
                .single());
    }

    void answered(long callerId, String key, Answer answer) {
        jdbc.sql("update idempotency_keys set status = ?, location = ?, content_type = ?, body = ?"
                        + " where caller_id = ? and key = ?")
                .params(answer.status(), answer.location(), answer.contentType(), answer.body(), callerId, key)
                .update();
    }

    /** Forgets the keys used longer ago than {@code retention}; returns how many. */
    int forgetOlderThan(Duration retention) {
        return jdbc.sql("delete from idempotency_keys where created_at < now() - ? * interval '1 second'")
                .params(retention.toSeconds()).update();
    }
}
