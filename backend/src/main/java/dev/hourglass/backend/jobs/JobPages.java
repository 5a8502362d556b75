package dev.hourglass.backend.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.backend.security.HourglassPrincipal;
import dev.hourglass.backend.system.ApiException;
import dev.hourglass.backend.system.FormProblem;
import dev.hourglass.backend.system.PageController;
import dev.hourglass.backend.teams.TeamService;
import dev.hourglass.protocol.JobStatus;
import dev.hourglass.protocol.WorkerSpec;
import dev.hourglass.recipe.InvalidRecipeException;
import dev.hourglass.recipe.LearningRateScaling;
import dev.hourglass.recipe.ModelCatalog;
import dev.hourglass.recipe.RecipePlan;
import dev.hourglass.recipe.WarmupKind;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The jobs pages: the list with filters, the submit form with its live preview, one job with live charts. */
@PageController
@RequestMapping("/jobs")
class JobPages {

    static final int PAGE_SIZE = 50;

    private final JobService jobs;
    private final TeamService teams;
    private final ObjectMapper json;

    JobPages(JobService jobs, TeamService teams, ObjectMapper json) {
        this.jobs = jobs;
        this.teams = teams;
        this.json = json;
    }

    /** One line of a job's history as the page lists it. */
    public record TimelineEntry(Instant at, String text) {
    }

    @GetMapping
    String list(@RequestParam(required = false) String team, @RequestParam(required = false) JobStatus status,
                @RequestParam(defaultValue = "0") int page, @AuthenticationPrincipal HourglassPrincipal caller,
                Model model) {
        String teamFilter = team == null || team.isBlank() ? null : team;
        JobService.JobPage found = jobs.list(teamFilter, status, page, PAGE_SIZE, caller);
        Instant now = Instant.now();
        model.addAttribute("rows", found.items().stream().map(job -> JobRow.of(job, now)).toList());
        model.addAttribute("found", found);
        model.addAttribute("lastPage", Math.max(0, (found.total() - 1) / PAGE_SIZE));
        model.addAttribute("teams", teams.visibleTo(caller));
        model.addAttribute("statuses", JobStatus.values());
        model.addAttribute("team", teamFilter);
        model.addAttribute("status", status);
        return "jobs/list";
    }

    @GetMapping("/new")
    String submitPage(@AuthenticationPrincipal HourglassPrincipal caller, Model model) {
        return submitPage(SubmitJobForm.defaults(), null, caller, model);
    }

    @PostMapping
    String submit(@RequestParam Map<String, String> values, @AuthenticationPrincipal HourglassPrincipal caller,
                  Model model, HttpServletResponse response) {
        SubmitJobForm form = new SubmitJobForm(values);
        try {
            return "redirect:/jobs/" + jobs.submit(form.toRequest(), caller).id();
        } catch (ApiException e) {
            response.setStatus(e.status().value());
            return submitPage(form, FormProblem.of(e), caller, model);
        } catch (InvalidRecipeException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return submitPage(form, FormProblem.of(e), caller, model);
        }
    }

    @GetMapping("/{id}")
    String detail(@PathVariable long id, @AuthenticationPrincipal HourglassPrincipal caller, Model model) {
        JobView job = jobs.get(id, caller);
        RecipePlan plan = job.recipe();
        model.addAttribute("job", job);
        model.addAttribute("row", JobRow.of(job, Instant.now()));
        model.addAttribute("plan", plan);
        model.addAttribute("planJson", write(plan));
        model.addAttribute("plannedLr", write(plan.learningRateCurve()));
        model.addAttribute("colour", JobColour.of(job.id()));
        model.addAttribute("gpusPerNode", RecipePlan.GPUS_PER_NODE);
        model.addAttribute("timeline", timeline(job));
        model.addAttribute("series", ChartSeries.OF_A_JOB);
        return "jobs/detail";
    }

    @PostMapping("/{id}/cancel")
    String cancel(@PathVariable long id, @AuthenticationPrincipal HourglassPrincipal caller,
                  RedirectAttributes flash) {
        try {
            jobs.cancel(id, caller, current -> true);
            flash.addFlashAttribute("notice", "Job " + id + " cancelled; its GPUs are free again.");
        } catch (ApiException e) {
            if (e.status() != HttpStatus.CONFLICT) {
                throw e;
            }
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/jobs/" + id;
    }

    private String submitPage(SubmitJobForm form, FormProblem problem, HourglassPrincipal caller, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("formProblem", problem);
        model.addAttribute("errors", problem == null ? Map.of() : problem.fields());
        model.addAttribute("models", ModelCatalog.names());
        model.addAttribute("teams", teams.visibleTo(caller));
        model.addAttribute("scalings", LearningRateScaling.values());
        model.addAttribute("allreduceChoices", WorkerSpec.ALLREDUCE_CHOICES);
        model.addAttribute("warmups", WarmupKind.values());
        model.addAttribute("builtInDatasets", write(DatasetReference.builtInSizes()));
        return "jobs/submit";
    }

    private static List<TimelineEntry> timeline(JobView job) {
        List<TimelineEntry> entries = new ArrayList<>();
        entries.add(new TimelineEntry(job.submittedAt(), "submitted to team " + job.team() + ", priority "
                + job.priority()));
        if (job.startedAt() != null) {
            entries.add(new TimelineEntry(job.startedAt(), "running on " + job.gpus() + " GPUs"));
        }
        if (job.endedAt() != null) {
            entries.add(new TimelineEntry(job.endedAt(), job.status()
                    + (job.failureReason() == null ? "" : ": " + job.failureReason())));
        }
        return entries;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("page data always serializes", e);
        }
    }
}
