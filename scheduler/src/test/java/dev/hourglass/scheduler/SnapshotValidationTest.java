package dev.hourglass.scheduler;

import static dev.hourglass.scheduler.Clusters.freeNode;
import static dev.hourglass.scheduler.Clusters.job;
import static dev.hourglass.scheduler.Clusters.quota;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A snapshot the scheduler cannot trust is refused with what was wrong and what would be right. */
class SnapshotValidationTest {

    @Test
    void aMultiNodeJobMustBeAMultipleOfEightGpus() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new QueuedJob(42, "vision", 12, 0, 0))
                .withMessage("job 42 asks for 12 GPUs; a job takes 1 to 8 GPUs of one node, "
                        + "or a multiple of 8 as whole nodes (e.g. 16)");
    }

    @Test
    void aJobNeedsAtLeastOneGpu() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new QueuedJob(42, "vision", 0, 0, 0))
                .withMessage("job 42 asks for 0 GPUs; a job needs at least 1");
    }

    @Test
    void aFreeGpuMustExistOnItsNode() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new NodeCapacity("node-01", 8, new TreeSet<>(List.of(3, 8)), true))
                .withMessage("node node-01 lists free GPU 8; its GPUs are numbered 0 to 7");
    }

    @Test
    void aNodeHasOneToEightGpus() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new NodeCapacity("node-01", 16, new TreeSet<>(), true))
                .withMessage("node node-01 has gpuCount=16; a node has 1 to 8 GPUs");
    }

    @Test
    void aQuotaIsNeverNegative() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TeamQuota("vision", -8, 0))
                .withMessage("team vision has quotaGpus=-8; a quota is 0 or more GPUs");
    }

    @Test
    void aNodeNameAppearsOnce() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ClusterSnapshot(List.of(freeNode("node-01"), freeNode("node-01")), List.of(), List.of()))
                .withMessage("snapshot lists node name node-01 twice; each node name must appear once");
    }

    @Test
    void aJobIdAppearsOnce() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ClusterSnapshot(List.of(), List.of(quota("vision", 8)),
                        List.of(job(7, "vision", 1), job(7, "vision", 2))))
                .withMessage("snapshot lists job id 7 twice; each job id must appear once");
    }

    @Test
    void aMissingListIsRefusedRatherThanTakenAsEmpty() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ClusterSnapshot(null, List.of(), List.of()))
                .withMessage("snapshot nodes is null; pass an empty list instead");
    }
}
