package dev.hourglass.backend.jobs;

import dev.hourglass.recipe.RecipePlan;
import dev.hourglass.backend.teams.Team;
import dev.hourglass.recipe.RecipePlan;
import dev.hourglass.protocol.JobStatus;
import dev.hourglass.recipe.RecipePlan;
import jakarta.persistence.Column;
import dev.hourglass.recipe.RecipePlan;
import jakarta.persistence.Entity;
import dev.hourglass.recipe.RecipePlan;
import jakarta.persistence.EnumType;
import dev.hourglass.recipe.RecipePlan;
import jakarta.persistence.Enumerated;
import dev.hourglass.recipe.RecipePlan;
import jakarta.persistence.FetchType;
import dev.hourglass.recipe.RecipePlan;
import jakarta.persistence.GeneratedValue;
import dev.hourglass.recipe.RecipePlan;
import jakarta.persistence.GenerationType;
import dev.hourglass.recipe.RecipePlan;
import jakarta.persistence.Id;
import dev.hourglass.recipe.RecipePlan;
import jakarta.persistence.JoinColumn;
import dev.hourglass.recipe.RecipePlan;
import jakarta.persistence.ManyToOne;
import dev.hourglass.recipe.RecipePlan;
import jakarta.persistence.Table;
import dev.hourglass.recipe.RecipePlan;
import java.time.Instant;
import dev.hourglass.recipe.RecipePlan;
import org.hibernate.annotations.JdbcTypeCode;
import dev.hourglass.recipe.RecipePlan;
import org.hibernate.type.SqlTypes;

/** A training job: what was asked (request), what was derived (recipe), and where it stands. */
@Entity
@Table(name = "jobs")
public class Job {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String name;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "team_id")
    private Team team;

    @Column(name = "submitted_by", nullable = false)
    private Long submittedBy;

    @Column(nullable = false)
    private String model;

    @Column(nullable = false)
    private String dataset;

    @Column(nullable = false)
    private int kn;

    @Column(name = "per_gpu_batch", nullable = false)
    private int perGpuBatch;

    @Column(nullable = false)
    private int gpus;

    @Column(nullable = false)
    private int priority;

    @Column
    private String allreduce;

    @Column(name = "backbone_from_job_id")
    private Long backboneFrom;

    @Column
    private Long seed;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private String request;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private RecipePlan recipe;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private JobStatus status = JobStatus.QUEUED;

    @Column(name = "wait_kind")
    private String waitKind;

    @Column(name = "wait_detail")
    private String waitDetail;

    @Column(name = "failure_reason")
    private String failureReason;

    /** Written only by {@link JobService#progressed}, in SQL: the agents' reports race the entity's own writes. */
    @Column(nullable = false, insertable = false, updatable = false)
    private long iteration;

    @Column(name = "iters_per_epoch", nullable = false)
    private long itersPerEpoch;

    @Column(name = "total_iterations", nullable = false)
    private long totalIterations;

    @Column(name = "submitted_at", nullable = false)
    private Instant submittedAt = Instant.now();

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    protected Job() {
    }

    public Job(String name, Team team, long submittedBy, String model, String dataset, int kn, int perGpuBatch,
               int gpus, int priority, String allreduce, Long backboneFrom, Long seed, String request,
               RecipePlan recipe, long itersPerEpoch, long totalIterations) {
        this.name = name;
        this.team = team;
        this.submittedBy = submittedBy;
        this.model = model;
        this.dataset = dataset;
        this.kn = kn;
        this.perGpuBatch = perGpuBatch;
        this.gpus = gpus;
        this.priority = priority;
        this.allreduce = allreduce;
        this.backboneFrom = backboneFrom;
        this.seed = seed;
        this.request = request;
        this.recipe = recipe;
        this.itersPerEpoch = itersPerEpoch;
        this.totalIterations = totalIterations;
    }

    public void running(Instant now) {
        status = JobStatus.RUNNING;
        if (startedAt == null) {
            startedAt = now;
        }
    }

    public void ended(JobStatus end, String reason, Instant now) {
        status = end;
        failureReason = reason;
        endedAt = now;
        waitKind = null;
        waitDetail = null;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Team getTeam() {
        return team;
    }

    public Long getSubmittedBy() {
        return submittedBy;
    }

    public String getModel() {
        return model;
    }

    public String getDataset() {
        return dataset;
    }

    public int getKn() {
        return kn;
    }

    public int getPerGpuBatch() {
        return perGpuBatch;
    }

    public int getGpus() {
        return gpus;
    }

    public int getPriority() {
        return priority;
    }

    public String getAllreduce() {
        return allreduce;
    }

    public Long getBackboneFrom() {
        return backboneFrom;
    }

    /** The seed its workers run with: the one it was submitted with, else its id. */
    public long getEffectiveSeed() {
        return seed != null ? seed : id;
    }

    public String getRequest() {
        return request;
    }

    public RecipePlan getRecipe() {
        return recipe;
    }

    public JobStatus getStatus() {
        return status;
    }

    public String getWaitKind() {
        return waitKind;
    }

    public String getWaitDetail() {
        return waitDetail;
    }

    public String getFailureReason() {
        return failureReason;
    }

    public long getIteration() {
        return iteration;
    }

    public long getItersPerEpoch() {
        return itersPerEpoch;
    }

    public long getTotalIterations() {
        return totalIterations;
    }

    public Instant getSubmittedAt() {
        return submittedAt;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getEndedAt() {
        return endedAt;
    }
}
