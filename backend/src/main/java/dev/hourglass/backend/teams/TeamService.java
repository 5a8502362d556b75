package dev.hourglass.backend.teams;

import dev.hourglass.backend.security.HourglassPrincipal;
import dev.hourglass.backend.system.ApiException;
import dev.hourglass.protocol.JobStatus;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Teams, their GPU quotas and what they use. */
@Service
public class TeamService {

    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    public static final int MAX_QUOTA_GPUS = 1_000_000;

    private final TeamRepository teams;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    public TeamService(TeamRepository teams, JdbcClient jdbc, ApplicationEventPublisher events) {
        this.teams = teams;
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Published after a quota changes, so that jobs waiting on quota get another look. */
    public record QuotaChanged(String team) {
    }

    public record TeamView(String name, int quotaGpus, java.time.Instant createdAt) {
        static TeamView of(Team team) {
            return new TeamView(team.getName(), team.getQuotaGpus(), team.getCreatedAt());
        }
    }

    /**
     * @param gpuHours GPU-hours held by the team's jobs, the running ones counted up to now
     */
    public record TeamUsage(String team, int quotaGpus, int gpusInUse, int queuedJobs, int activeJobs, double gpuHours) {
    }

    public List<TeamView> visibleTo(HourglassPrincipal caller) {
        return teams.findAll(org.springframework.data.domain.Sort.by("name")).stream()
                .filter(team -> caller.canAccessTeam(team.getId()))
                .map(TeamView::of)
                .toList();
    }

    @Transactional
    public TeamView create(String name, int quotaGpus) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiException.invalid("name", "team name '" + name + "' must be 1-64 lower-case letters, digits"
                    + " or '-', starting with a letter or digit");
        }
        validateQuota(quotaGpus);
        if (teams.findByName(name).isPresent()) {
            throw ApiException.conflict("team '" + name + "' already exists");
        }
        return TeamView.of(teams.save(new Team(name, quotaGpus)));
    }

    @Transactional
    public TeamView setQuota(String name, int quotaGpus) {
        validateQuota(quotaGpus);
        Team team = find(name);
        team.setQuotaGpus(quotaGpus);
        events.publishEvent(new QuotaChanged(name));
        return TeamView.of(team);
    }

    public Team find(String name) {
        return teams.findByName(name).orElseThrow(() -> ApiException.notFound("no team '" + name + "'"));
    }

    public Team findAccessible(String name, HourglassPrincipal caller) {
        Team team = find(name);
        if (!caller.canAccessTeam(team.getId())) {
            throw ApiException.forbidden("you are not a member of team '" + name + "'");
        }
        return team;
    }

    public TeamUsage usage(String name, HourglassPrincipal caller) {
        Team team = findAccessible(name, caller);
        return jdbc.sql("""
                select
                  (select count(*) from gpu_allocations a where a.team_id = t.id and a.released_at is null),
                  (select count(*) from jobs j where j.team_id = t.id and j.status = ?),
                  (select count(*) from jobs j where j.team_id = t.id and j.status in (?, ?)),
                  (select coalesce(sum(extract(epoch from coalesce(a.released_at, now()) - a.allocated_at)), 0) / 3600.0
                     from gpu_allocations a where a.team_id = t.id)
                from teams t where t.id = ?""")
                .params(JobStatus.QUEUED.name(), JobStatus.STARTING.name(), JobStatus.RUNNING.name(), team.getId())
                .query((rs, i) -> new TeamUsage(team.getName(), team.getQuotaGpus(), rs.getInt(1), rs.getInt(2),
                        rs.getInt(3), rs.getDouble(4)))
                .single();
    }

    private static void validateQuota(int quotaGpus) {
        if (quotaGpus < 0 || quotaGpus > MAX_QUOTA_GPUS) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "quotaGpus=" + quotaGpus + " must be between 0 and "
                    + MAX_QUOTA_GPUS, List.of(new ApiException.FieldError("quotaGpus", "must be between 0 and "
                    + MAX_QUOTA_GPUS)));
        }
    }
}
