package dev.hourglass.backend.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.backend.support.ApiClient;
import dev.hourglass.backend.support.ControlPlaneTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** 50 concurrent submissions from several teams, with passes racing each other, never break a quota or share a GPU. */
class ConcurrentSubmissionTest extends ControlPlaneTest {

    @Test
    void concurrentSubmissionsAndPassesNeverExceedAQuotaOrDoubleBookAGpu() throws Exception {
        startWithEmptyCluster();
        newNodes(4);
        int[] quotas = {8, 12, 16};
        List<String> teams = new ArrayList<>();
        List<ApiClient> members = new ArrayList<>();
        for (int quota : quotas) {
            String team = unique("race");
            teams.add(team);
            members.add(newTeam(team, quota));
        }
        int[] kns = {32, 64, 128, 256};

        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> submissions = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                ApiClient member = members.get(i % members.size());
                int kn = kns[i % kns.length];
                int n = i;
                submissions.add(pool.submit(() -> member.post("/api/v1/jobs", job("race-" + n, "resnet8", kn)).status()));
                if (i % 10 == 0) {
                    pool.submit(() -> scheduling.runPass());
                }
            }
            for (Future<Integer> submission : submissions) {
                assertThat(submission.get()).isEqualTo(201);
            }
            List<Callable<SchedulingService.PassResult>> racingPasses = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                racingPasses.add(() -> scheduling.runPass());
            }
            for (Future<SchedulingService.PassResult> pass : pool.invokeAll(racingPasses)) {
                pass.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertInvariants(teams, quotas);
        Integer placed = jdbc.queryForObject("""
                select count(distinct a.job_id) from gpu_allocations a join teams t on t.id = a.team_id
                where a.released_at is null and t.name in (?, ?, ?)""", Integer.class, teams.toArray());
        assertThat(placed).isPositive();

        // End half of the running jobs, race more passes, and check again.
        List<Long> active = jdbc.queryForList("select id from jobs where status = 'STARTING' order by id", Long.class);
        for (int i = 0; i < active.size(); i += 2) {
            agent().post("/api/v1/agent/jobs/" + active.get(i) + "/status", Map.of("status", "RUNNING"));
            agent().post("/api/v1/agent/jobs/" + active.get(i) + "/status", Map.of("status", "SUCCEEDED"));
        }
        ExecutorService again = Executors.newFixedThreadPool(4);
        try {
            List<Callable<SchedulingService.PassResult>> passes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                passes.add(() -> scheduling.runPass());
            }
            for (Future<SchedulingService.PassResult> pass : again.invokeAll(passes)) {
                pass.get();
            }
        } finally {
            again.shutdownNow();
        }
        assertInvariants(teams, quotas);
    }

    private void assertInvariants(List<String> teams, int[] quotas) {
        for (int i = 0; i < teams.size(); i++) {
            Integer held = jdbc.queryForObject("""
                    select count(*) from gpu_allocations a join teams t on t.id = a.team_id
                    where a.released_at is null and t.name = ?""", Integer.class, teams.get(i));
            assertThat(held).as("GPUs held by %s", teams.get(i)).isLessThanOrEqualTo(quotas[i]);
        }
        Integer doubleBooked = jdbc.queryForObject("""
                select count(*) from (select node_id, gpu_index from gpu_allocations where released_at is null
                group by node_id, gpu_index having count(*) > 1) twice""", Integer.class);
        assertThat(doubleBooked).isZero();
        Integer activeWithoutGpus = jdbc.queryForObject("""
                select count(*) from jobs j where j.status in ('STARTING', 'RUNNING') and j.gpus <>
                (select count(*) from gpu_allocations a where a.job_id = j.id and a.released_at is null)""", Integer.class);
        assertThat(activeWithoutGpus).as("active jobs holding other than k GPUs").isZero();
    }
}
