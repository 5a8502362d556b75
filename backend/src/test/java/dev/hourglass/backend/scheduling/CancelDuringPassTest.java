package dev.hourglass.backend.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hourglass.backend.support.ApiClient;
import dev.hourglass.backend.support.ControlPlaneTest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A cancel that arrives while a scheduling pass is placing the same job: whichever commits first, the job ends
 * CANCELLED and holds no GPU. (Before the cancel locked the job's row, it read the job as QUEUED, released the
 * allocations it could not yet see, then overwrote the pass's STARTING: the GPUs stayed held by a cancelled job.)
 */
class CancelDuringPassTest extends ControlPlaneTest {

    @Autowired
    TransactionTemplate transaction;

    @Test
    void aJobCancelledWhileAPassPlacesItEndsCancelledAndHoldsNoGpu() throws Exception {
        startWithEmptyCluster();
        String node = newNodes(1).get(0);
        admin().post("/api/v1/nodes/" + node + "/drain", null); // the job waits until the pass below opens it
        ApiClient member = newTeam(unique("racing"), 8);
        long id = member.post("/api/v1/jobs", job("raced", "resnet8", 256)).json().get("id").asLong();
        CompletableFuture<ApiClient.Response> cancel = new CompletableFuture<>();

        transaction.executeWithoutResult(status -> {
            jdbc.update("update nodes set state = 'READY' where name = ?", node);
            assertThat(scheduling.runPass().placed()).isEqualTo(1);
            CompletableFuture.supplyAsync(() -> member.post("/api/v1/jobs/" + id + "/cancel", null))
                    .whenComplete((response, error) -> {
                        if (error != null) {
                            cancel.completeExceptionally(error);
                        } else {
                            cancel.complete(response);
                        }
                    });
            awaitABackendWaitingOnALock();
        });

        ApiClient.Response cancelled = cancel.get(30, TimeUnit.SECONDS);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(member.get("/api/v1/jobs/" + id).json().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(jdbc.queryForObject("select count(*) from gpu_allocations where job_id = ? and released_at is null",
                Integer.class, id)).as("GPUs still held by the cancelled job").isZero();
        assertThat(admin().get("/api/v1/nodes/" + node).json().get("freeGpus").asInt()).isEqualTo(8);
    }

    /**
     * Until the cancel's transaction waits for the pass's to let go of the job's row. Awaitility polls from a
     * thread of its own, outside the pass's transaction, so each look at pg_stat_activity is a fresh one (within
     * one transaction PostgreSQL shows the same snapshot of it throughout).
     */
    private void awaitABackendWaitingOnALock() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .alias("the cancel never waited for the pass's transaction")
                .until(() -> jdbc.queryForObject("select count(*) from pg_stat_activity where wait_event in"
                        + " ('transactionid', 'tuple') and datname = current_database()", Integer.class) > 0);
    }
}
