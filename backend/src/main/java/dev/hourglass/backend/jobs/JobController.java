package dev.hourglass.backend.jobs;

import dev.hourglass.backend.jobs.JobService.JobPage;
import dev.hourglass.backend.security.HourglassPrincipal;
import dev.hourglass.protocol.JobStatus;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/jobs")
public class JobController {

    private final JobService jobs;

    public JobController(JobService jobs) {
        this.jobs = jobs;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    JobView submit(@RequestBody SubmitJobRequest request, @AuthenticationPrincipal HourglassPrincipal caller) {
        return jobs.submit(request, caller);
    }

    /** Newest first. A member sees their team's jobs; an admin every team's, or one team's with {@code team}. */
    @GetMapping
    JobPage list(@RequestParam(required = false) String team, @RequestParam(required = false) JobStatus status,
                 @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
                 @AuthenticationPrincipal HourglassPrincipal caller) {
        return jobs.list(team, status, page, size, caller);
    }

    @GetMapping("/{id}")
    JobView get(@PathVariable long id, @AuthenticationPrincipal HourglassPrincipal caller) {
        return jobs.get(id, caller);
    }

    @PostMapping("/{id}/cancel")
    JobView cancel(@PathVariable long id, @AuthenticationPrincipal HourglassPrincipal caller) {
        return jobs.cancel(id, caller);
    }
}
