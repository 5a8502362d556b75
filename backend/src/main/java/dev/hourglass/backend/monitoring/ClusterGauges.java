package dev.hourglass.backend.monitoring;

import dev.hourglass.backend.metrics.JobEventHub;
import dev.hourglass.backend.nodes.NodeState;
import dev.hourglass.backend.system.DaemonThreads;
import dev.hourglass.backend.system.DatabaseOutage;
import dev.hourglass.protocol.JobStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The cluster's state as gauges, read from the database every {@link #REFRESH_SECONDS}: per team the jobs queued, the
 * GPUs in use and the quota; the nodes in each state; the oldest heartbeat of a node that is not lost; the open event
 * streams. Read in one place on a timer rather than on each scrape, so that a scrape never waits on the database.
 */
@Component
class ClusterGauges {

    static final long REFRESH_SECONDS = 5;
    private static final Logger log = LoggerFactory.getLogger(ClusterGauges.class);

    private final JdbcClient jdbc;
    private final DatabaseOutage outage;
    private final MultiGauge queuedJobs;
    private final MultiGauge gpusInUse;
    private final MultiGauge gpuQuota;
    private final MultiGauge nodes;
    private final AtomicReference<Double> oldestHeartbeatSeconds = new AtomicReference<>(0.0);
    private final ScheduledExecutorService executor = DaemonThreads.single("cluster-gauges");

    ClusterGauges(JdbcClient jdbc, MeterRegistry registry, DatabaseOutage outage, JobEventHub streams) {
        this.jdbc = jdbc;
        this.outage = outage;
        this.queuedJobs = MultiGauge.builder("hourglass.queue.jobs").description("jobs waiting for GPUs, per team")
                .register(registry);
        this.gpusInUse = MultiGauge.builder("hourglass.team.gpus.in.use").description("GPUs held by a team's jobs")
                .register(registry);
        this.gpuQuota = MultiGauge.builder("hourglass.team.gpus.quota").description("a team's GPU quota")
                .register(registry);
        this.nodes = MultiGauge.builder("hourglass.nodes").description("nodes (agents) in each state")
                .register(registry);
        Gauge.builder("hourglass.nodes.heartbeat.age.max", oldestHeartbeatSeconds, AtomicReference::get)
                .description("the time since the oldest last heartbeat of a node that is not lost")
                .baseUnit("seconds").register(registry);
        Gauge.builder("hourglass.events.streams", streams, JobEventHub::openStreams)
                .description("open Server-Sent Event streams of jobs").register(registry);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        executor.scheduleWithFixedDelay(this::refresh, 0, REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    void refresh() {
        try {
            refreshTeams();
            refreshNodes();
        } catch (RuntimeException e) {
            if (DatabaseOutage.isUnreachable(e)) {
                outage.failed(e);
            } else {
                log.warn("refreshing the cluster's gauges failed; the next refresh retries", e);
            }
        }
    }

    private void refreshTeams() {
        record TeamRow(String team, int queued, int inUse, int quota) {
        }
        List<TeamRow> teams = jdbc.sql("""
                        select t.name, t.quota_gpus,
                          (select count(*) from jobs j where j.team_id = t.id and j.status = ?),
                          (select count(*) from gpu_allocations a where a.team_id = t.id and a.released_at is null)
                        from teams t""")
                .param(JobStatus.QUEUED.name())
                .query((row, n) -> new TeamRow(row.getString(1), row.getInt(3), row.getInt(4), row.getInt(2)))
                .list();
        queuedJobs.register(rows(teams, TeamRow::team, TeamRow::queued), true);
        gpusInUse.register(rows(teams, TeamRow::team, TeamRow::inUse), true);
        gpuQuota.register(rows(teams, TeamRow::team, TeamRow::quota), true);
    }

    private void refreshNodes() {
        Map<NodeState, Integer> byState = new EnumMap<>(NodeState.class);
        Arrays.stream(NodeState.values()).forEach(state -> byState.put(state, 0));
        jdbc.sql("select state, count(*) from nodes group by state")
                .query((row, n) -> byState.put(NodeState.valueOf(row.getString(1)), row.getInt(2))).list();
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        byState.forEach((state, count) -> rows.add(MultiGauge.Row.of(Tags.of("state", state.name()), count)));
        nodes.register(rows, true);
        oldestHeartbeatSeconds.set(jdbc.sql("select coalesce(extract(epoch from now() - min(last_heartbeat_at)), 0)"
                        + " from nodes where state <> ?")
                .param(NodeState.LOST.name()).query(Double.class).single());
    }

    private static <T> List<MultiGauge.Row<?>> rows(List<T> teams, java.util.function.Function<T, String> team,
                                                   java.util.function.ToIntFunction<T> value) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        teams.forEach(row -> rows.add(MultiGauge.Row.of(Tags.of("team", team.apply(row)), value.applyAsInt(row))));
        return rows;
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
