package dev.hourglass.backend.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.backend.scheduling.GpuAllocationStore;
import dev.hourglass.backend.security.HourglassPrincipal;
import dev.hourglass.backend.system.ApiException;
import dev.hourglass.backend.system.HourglassProperties;
import dev.hourglass.backend.system.PlainText;
import dev.hourglass.backend.teams.Team;
import dev.hourglass.backend.teams.TeamService;
import dev.hourglass.protocol.JobStatus;
import dev.hourglass.protocol.WorkerSpec;
import dev.hourglass.recipe.ModelCatalog;
import dev.hourglass.recipe.ModelSpec;
import dev.hourglass.recipe.RecipePlan;
import dev.hourglass.recipe.RecipePlanner;
import dev.hourglass.recipe.RecipeRequest;
import jakarta.persistence.criteria.Predicate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Submitting, finding and cancelling jobs: what users and pipelines ask of them ({@link JobLifecycle} is the rest). */
@Service
public class JobService {

    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_PRIORITY = 1000;
    public static final int MAX_PAGE_SIZE = 500;

    private final JobRepository jobs;
    private final TeamService teams;
    private final GpuAllocationStore allocations;
    private final JobLifecycle lifecycle;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;
    private final List<Path> datasetRoots;

    public JobService(JobRepository jobs, TeamService teams, GpuAllocationStore allocations, JobLifecycle lifecycle,
                      ApplicationEventPublisher events, ObjectMapper json, HourglassProperties properties) {
        this.datasetRoots = List.copyOf(properties.datasetRoots());
        this.jobs = jobs;
        this.teams = teams;
        this.allocations = allocations;
        this.lifecycle = lifecycle;
        this.events = events;
        this.json = json;
    }

    public record JobPage(List<JobView> items, int page, int size, long total) {
    }

    @Transactional
    public JobView submit(SubmitJobRequest request, HourglassPrincipal caller) {
        if (request.name() == null || request.name().isBlank() || request.name().length() > MAX_NAME_LENGTH) {
            throw ApiException.invalid("name", "name is required, at most " + MAX_NAME_LENGTH + " characters");
        }
        if (PlainText.hasControlCharacter(request.name())) {
            throw ApiException.invalid("name", "name may not contain control characters (such as NUL or a line break)");
        }
        int priority = request.priority() == null ? 0 : request.priority();
        if (priority < -MAX_PRIORITY || priority > MAX_PRIORITY) {
            throw ApiException.invalid("priority", "priority=" + priority + " must be between -" + MAX_PRIORITY
                    + " and " + MAX_PRIORITY);
        }
        if (request.seed() != null && request.seed() < 0) {
            throw ApiException.invalid("seed", "seed=" + request.seed() + " must be at least 0");
        }
        String allreduce = allreduceChoice(request.allreduce());
        Team team = teamFor(request.team(), caller);
        ModelSpec model = ModelCatalog.find(request.model()).orElse(null);
        DatasetReference dataset = DatasetReference.parse(request.dataset(), model, datasetRoots);
        Long backboneFrom = backboneSource(request.backboneFrom(), model, team);
        Long datasetSize = request.datasetSize() != null ? request.datasetSize() : dataset.knownSize();
        RecipeRequest recipeRequest = new RecipeRequest(request.model(), request.kn(), request.perGpuBatch(),
                request.epochs(), datasetSize, request.overrides());
        RecipePlan plan = RecipePlanner.plan(recipeRequest);
        if (plan.k() > team.getQuotaGpus()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "the job needs k=" + plan.k() + " GPUs (kn="
                    + plan.kn() + " / perGpuBatch=" + plan.perGpuBatch() + ") but team '" + team.getName()
                    + "' has a quota of " + team.getQuotaGpus() + " GPUs: lower kn or ask an admin to raise the quota",
                    List.of(new ApiException.FieldError("kn", "needs " + plan.k() + " GPUs, above the quota of "
                            + team.getQuotaGpus())));
        }
        Job job = jobs.save(new Job(request.name(), team, caller.userId(), plan.model(), dataset.value(), plan.kn(),
                plan.perGpuBatch(), plan.k(), priority, allreduce, backboneFrom, request.seed(), write(recipeRequest),
                plan, plan.itersPerEpoch(), plan.totalIterations()));
        events.publishEvent(new JobEvents.Submitted(job.getId(), team.getName()));
        events.publishEvent(new JobEvents.StatusChanged(job.getId(), JobStatus.QUEUED, null));
        return JobView.of(job, List.of());
    }

    public JobView get(long id, HourglassPrincipal caller) {
        Job job = findAccessible(id, caller);
        return JobView.of(job, allocations.forJobs(List.of(job.getId())).getOrDefault(job.getId(), List.of()));
    }

    public JobPage list(String teamName, JobStatus status, int page, int size, HourglassPrincipal caller) {
        if (page < 0) {
            throw ApiException.invalid("page", "page=" + page + " must be at least 0");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiException.invalid("size", "size=" + size + " must be between 1 and " + MAX_PAGE_SIZE);
        }
        Long teamId = teamName != null ? teams.findAccessible(teamName, caller).getId()
                : caller.isAdmin() ? null : caller.teamId();
        Specification<Job> filter = (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (teamId != null) {
                where.add(cb.equal(root.get("team").get("id"), teamId));
            }
            if (status != null) {
                where.add(cb.equal(root.get("status"), status));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
        if ((long) page * size > Integer.MAX_VALUE) {
            return new JobPage(List.of(), page, size, jobs.count(filter)); // past any job the database can page to
        }
        Page<Job> found = jobs.findAll(filter, PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "id")));
        Map<Long, List<GpuAllocationStore.NodeGpus>> held = allocations.forJobs(found.map(Job::getId).toList());
        return new JobPage(found.map(job -> JobView.of(job, held.getOrDefault(job.getId(), List.of()))).toList(),
                page, size, found.getTotalElements());
    }

    /** Cancels the job, if {@code precondition} admits it as it is once locked (412 otherwise). */
    @Transactional
    public JobView cancel(long id, HourglassPrincipal caller,
                          java.util.function.Predicate<JobView> precondition) {
        Job job = accessible(jobs.findByIdForUpdate(id), id, caller);
        if (!precondition.test(get(id, caller))) {
            throw new ApiException(HttpStatus.PRECONDITION_FAILED, "job " + id + " has changed since the version"
                    + " If-Match names: read it again (its ETag too) and decide again");
        }
        if (job.getStatus().hasEnded()) {
            throw ApiException.conflict("job " + id + " already ended (" + job.getStatus() + "); nothing to cancel");
        }
        lifecycle.end(job, JobStatus.CANCELLED, "cancelled by " + caller.username());
        return get(id, caller);
    }

    public void requireExists(long id) {
        if (!jobs.existsById(id)) {
            throw ApiException.notFound("no job " + id);
        }
    }

    /** The job, if the caller may see it: 404 when there is none or it is another team's (its team stays unnamed). */
    public Job findAccessible(long id, HourglassPrincipal caller) {
        return accessible(jobs.findById(id), id, caller);
    }

    private static Job accessible(Optional<Job> found, long id, HourglassPrincipal caller) {
        Job job = found.orElseThrow(() -> ApiException.notFound("no job " + id));
        if (!caller.canAccessTeam(job.getTeam().getId())) {
            throw ApiException.notFound("no job " + id);
        }
        return job;
    }

    private static String allreduceChoice(String requested) {
        if (requested == null || requested.equals(WorkerSpec.ALLREDUCE_CHOICES.get(0))) {
            return null;
        }
        if (!WorkerSpec.ALLREDUCE_CHOICES.contains(requested)) {
            throw ApiException.invalid("allreduce", "allreduce '" + abbreviate(requested) + "' is not one of "
                    + String.join(", ", WorkerSpec.ALLREDUCE_CHOICES));
        }
        return requested;
    }

    /**
     * The earlier job a detector's backbone starts from: a job of the same team, of the model's backbone model, that
     * succeeded (so its last epoch's checkpoint is there).
     */
    private Long backboneSource(Long jobId, ModelSpec model, Team team) {
        if (jobId == null) {
            return null;
        }
        if (model == null || model.backbone().isEmpty()) {
            throw ApiException.invalid("backboneFrom", "backboneFrom starts a detector's ResNet backbone;"
                    + (model == null ? " pick a model first" : " " + model.name() + " has none"
                    + " (mask-rcnn-r50-fpn does)"));
        }
        String backbone = model.backbone().orElseThrow();
        Job source = jobs.findById(jobId).filter(job -> job.getTeam().getId().equals(team.getId())).orElseThrow(
                () -> ApiException.invalid("backboneFrom", "team '" + team.getName() + "' has no job " + jobId));
        if (!source.getModel().equals(backbone)) {
            throw ApiException.invalid("backboneFrom", "job " + jobId + " trained " + source.getModel() + "; "
                    + model.name() + "'s backbone starts from a " + backbone + " job");
        }
        if (source.getStatus() != JobStatus.SUCCEEDED) {
            throw ApiException.invalid("backboneFrom", "job " + jobId + " is " + source.getStatus()
                    + "; a backbone starts from a job that succeeded");
        }
        return jobId;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    private Team teamFor(String teamName, HourglassPrincipal caller) {
        if (teamName == null) {
            if (caller.teamName() == null) {
                throw ApiException.invalid("team", "team is required: you belong to no team");
            }
            return teams.find(caller.teamName());
        }
        return teams.findAccessible(teamName, caller);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a recipe always serializes", e);
        }
    }
}
