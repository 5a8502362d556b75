package dev.hourglass.backend.metrics;

import dev.hourglass.backend.jobs.JobService;
import dev.hourglass.backend.security.HourglassPrincipal;
import dev.hourglass.backend.system.ApiException;
import dev.hourglass.protocol.JobStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** A job's metric series, whole or downsampled, and its live event stream. */
@Tag(name = "jobs")
@RestController
public class MetricsController {

    public static final int MAX_POINTS = 100_000;
    static final int MAX_NAMES_LENGTH = 4096;
    static final long STREAM_TIMEOUT_MINUTES = 30;

    private final JobService jobs;
    private final MetricStore store;
    private final JobEventHub hub;

    public MetricsController(JobService jobs, MetricStore store, JobEventHub hub) {
        this.jobs = jobs;
        this.store = store;
        this.hub = hub;
    }

    public record JobMetrics(long jobId, Map<String, List<MetricStore.Point>> series) {
    }

    /**
     * @param names  comma-separated series names; all when absent
     * @param points at most this many points per series, averaged over equal iteration ranges beyond it
     */
    @ApiResponse(responseCode = "404", description = "no such job, or not one of your team")
    @ApiResponse(responseCode = "200", description = "the job's series")
    @Operation(operationId = "getJobMetrics", summary = "A job's metric series")
    @GetMapping("/api/v1/jobs/{id}/metrics")
    JobMetrics metrics(@PathVariable long id, @RequestParam(required = false) String names,
                       @RequestParam(defaultValue = "1000") int points,
                       @AuthenticationPrincipal HourglassPrincipal caller) {
        jobs.findAccessible(id, caller);
        if (points < 2 || points > MAX_POINTS) {
            throw ApiException.invalid("points", "points=" + points + " must be between 2 and " + MAX_POINTS);
        }
        if (names != null && names.length() > MAX_NAMES_LENGTH) {
            throw ApiException.invalid("names", "names has " + names.length() + " characters; at most "
                    + MAX_NAMES_LENGTH + " (ask for fewer series at a time)");
        }
        List<String> wanted = names == null || names.isBlank() ? List.of()
                : Arrays.stream(names.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList();
        return new JobMetrics(id, store.series(id, wanted, points));
    }

    /**
     * Server-Sent Events: {@code status} on connect and at every change, {@code metrics} for every stored batch
     * (its id is the batch sequence). A client that reconnects with Last-Event-ID, or passes {@code after},
     * first gets the batches it missed; events may repeat across a reconnect, so ignore sequences already seen.
     * The stream ends after the job's final status (at once for a job that has already ended).
     */
    @ApiResponse(responseCode = "200", description = "Server-Sent Events: 'status' ({jobId, status, reason?}) on"
            + " connect and at every change, 'metrics' ({sequence, points}) per stored batch, its id the sequence; the"
            + " stream ends after the final status",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                    schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "404", description = "no such job, or not one of your team")
    @Operation(operationId = "streamJobEvents", summary = "A job's live events (Server-Sent Events)")
    @GetMapping(path = "/api/v1/jobs/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable long id, @RequestHeader(value = "Last-Event-ID", required = false) Long lastEventId,
                      @RequestParam(required = false) Long after, @AuthenticationPrincipal HourglassPrincipal caller) {
        jobs.findAccessible(id, caller);
        SseEmitter emitter = new SseEmitter(TimeUnit.MINUTES.toMillis(STREAM_TIMEOUT_MINUTES));
        // subscribed before the status is read, so that an end in between still reaches this stream
        hub.subscribe(id, emitter, caller.apiTokenId());
        JobStatus status = jobs.findAccessible(id, caller).getStatus();
        JobEventHub.send(emitter, "status", null, Map.of("jobId", id, "status", status));
        Long replayFrom = lastEventId != null ? lastEventId : after;
        if (replayFrom != null) {
            List<MetricStore.StreamedPoint> missed = store.after(id, replayFrom);
            long sequence = -1;
            List<MetricStore.StreamedPoint> batch = new java.util.ArrayList<>();
            for (MetricStore.StreamedPoint point : missed) {
                if (point.sequence() != sequence && !batch.isEmpty()) {
                    JobEventHub.send(emitter, "metrics", Long.toString(sequence), new JobEventRelay.MetricsEvent(sequence, batch));
                    batch = new java.util.ArrayList<>();
                }
                sequence = point.sequence();
                batch.add(point);
            }
            if (!batch.isEmpty()) {
                JobEventHub.send(emitter, "metrics", Long.toString(sequence), new JobEventRelay.MetricsEvent(sequence, batch));
            }
        }
        if (status.hasEnded()) {
            emitter.complete();
        }
        return emitter;
    }
}
