package dev.hourglass.backend.metrics;

import dev.hourglass.backend.accounts.ApiTokenService;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.http.MediaType;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live subscribers to a job's events (metric points and status changes), each an open SSE connection.
 * Events go out after the transaction that produced them commits; a client that reconnects with
 * Last-Event-ID gets what it missed from the database (see {@link MetricsController#events}, the SSE endpoint
 * {@code GET /api/v1/jobs/{id}/events}).
 */
@org.springframework.stereotype.Component
public class JobEventHub {

    private final Map<Long, List<SseEmitter>> subscribers = new ConcurrentHashMap<>();
    private final Map<Long, List<SseEmitter>> byApiToken = new ConcurrentHashMap<>();

    /** @param apiTokenId the API token the subscriber came with (its revocation ends the stream); null for a session */
    public void subscribe(long jobId, SseEmitter emitter, Long apiTokenId) {
        List<SseEmitter> forJob = subscribers.computeIfAbsent(jobId, id -> new CopyOnWriteArrayList<>());
        forJob.add(emitter);
        List<SseEmitter> forToken = apiTokenId == null ? null
                : byApiToken.computeIfAbsent(apiTokenId, id -> new CopyOnWriteArrayList<>());
        if (forToken != null) {
            forToken.add(emitter);
        }
        Runnable remove = () -> {
            forJob.remove(emitter);
            if (forToken != null) {
                forToken.remove(emitter);
            }
        };
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(error -> remove.run());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ApiTokenService.Revoked revoked) {
        List<SseEmitter> opened = byApiToken.remove(revoked.tokenId());
        if (opened != null) {
            opened.forEach(SseEmitter::complete);
        }
    }

    /** @param id the SSE event id, or null for events a reconnecting client need not replay */
    public void publish(long jobId, String event, String id, Object data) {
        List<SseEmitter> forJob = subscribers.get(jobId);
        if (forJob == null) {
            return;
        }
        for (SseEmitter emitter : forJob) {
            send(emitter, event, id, data);
        }
    }

    /** The streams open now, of every job. */
    public int openStreams() {
        return subscribers.values().stream().mapToInt(List::size).sum();
    }

    /** Ends every stream of the job: its last event, the final status, has gone out. */
    public void end(long jobId) {
        List<SseEmitter> forJob = subscribers.remove(jobId);
        if (forJob != null) {
            forJob.forEach(SseEmitter::complete);
        }
    }

    /** A comment line to every subscriber, so that proxies and clients see the connection alive. */
    public void keepAlive() {
        subscribers.values().forEach(forJob -> forJob.forEach(emitter -> {
            try {
                emitter.send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | IllegalStateException gone) {
                emitter.completeWithError(gone);
            }
        }));
    }

    static void send(SseEmitter emitter, String event, String id, Object data) {
        try {
            SseEmitter.SseEventBuilder builder = SseEmitter.event().name(event).data(data, MediaType.APPLICATION_JSON);
            emitter.send(id == null ? builder : builder.id(id));
        } catch (IOException | IllegalStateException gone) {
            emitter.completeWithError(gone);
        }
    }
}
