package dev.hourglass.backend.jobs;

import dev.hourglass.backend.jobs.JobService.JobPage;
import dev.hourglass.backend.security.HourglassPrincipal;
import dev.hourglass.protocol.JobStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

@Tag(name = "jobs", description = "Training jobs")
@RestController
@RequestMapping("/api/v1/jobs")
public class JobController {

    private final JobService jobs;
    private final JobETags etags;

    public JobController(JobService jobs, JobETags etags) {
        this.jobs = jobs;
        this.etags = etags;
    }

    @ApiResponse(responseCode = "201", description = "the job, queued; Location names it")
    @ApiResponse(responseCode = "413", description = "the body is over the limit")
    @ApiResponse(responseCode = "422", description = "the job needs more GPUs than the team's quota, or its"
            + " Idempotency-Key was used with another request")
    @Operation(operationId = "submitJob", summary = "Submit a job")
    @PostMapping
    ResponseEntity<JobView> submit(@RequestBody SubmitJobRequest request,
                                   @AuthenticationPrincipal HourglassPrincipal caller) {
        JobView job = jobs.submit(request, caller);
        return ResponseEntity.created(URI.create("/api/v1/jobs/" + job.id())).eTag(etags.of(job)).body(job);
    }

    /** Newest first. A member sees their team's jobs; an admin every team's, or one team's with {@code team}. */
    @Operation(operationId = "listJobs", summary = "List jobs, newest first")
    @GetMapping
    JobPage list(@RequestParam(required = false) String team, @RequestParam(required = false) JobStatus status,
                 @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
                 @AuthenticationPrincipal HourglassPrincipal caller) {
        return jobs.list(team, status, page, size, caller);
    }

    /** With its ETag; {@code If-None-Match} with that ETag answers 304 while the job has not changed. */
    @ApiResponse(responseCode = "200", description = "the job, with its ETag")
    @ApiResponse(responseCode = "304", description = "the job has not changed since the ETag of If-None-Match")
    @ApiResponse(responseCode = "404", description = "no such job, or not one of your team")
    @Operation(operationId = "getJob", summary = "Get a job")
    @GetMapping("/{id}")
    ResponseEntity<JobView> get(@PathVariable long id, @AuthenticationPrincipal HourglassPrincipal caller,
                                WebRequest request) {
        JobView job = jobs.get(id, caller);
        String etag = etags.of(job);
        if (request.checkNotModified(etag)) {
            return null;
        }
        return ResponseEntity.ok().eTag(etag).body(job);
    }

    /** With {@code If-Match}, only if the job is still as that ETag saw it (412 otherwise). */
    @ApiResponse(responseCode = "200", description = "the job, cancelled")
    @ApiResponse(responseCode = "404", description = "no such job, or not one of your team")
    @ApiResponse(responseCode = "409", description = "the job has already ended")
    @ApiResponse(responseCode = "412", description = "the job changed since the ETag of If-Match")
    @Operation(operationId = "cancelJob", summary = "Cancel a job")
    @PostMapping("/{id}/cancel")
    ResponseEntity<JobView> cancel(@PathVariable long id,
                                   @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                   @AuthenticationPrincipal HourglassPrincipal caller) {
        JobView job = jobs.cancel(id, caller, current -> ifMatch == null || etags.admits(ifMatch, current));
        return ResponseEntity.ok().eTag(etags.of(job)).body(job);
    }
}
