package dev.hourglass.trainer.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.trainer.replica.ReplicaState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {

    @TempDir
    Path dir;

    private static List<ReplicaState> replicas(float statistic) {
        ReplicaState first = new ReplicaState(new float[] {1, 2, 3, 4, 5}, new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f});
        // the second replica differs only in its own BN statistics (positions 1 and 3)
        ReplicaState second = new ReplicaState(new float[] {1, statistic, 3, -statistic, 5}, first.momentum().clone());
        return List.of(first, second);
    }

    @Test
    void aSavedCheckpointRestoresEveryReplicaExactly() throws IOException {
        Checkpoints checkpoints = new Checkpoints(dir, 1);
        assertThat(checkpoints.latest()).isZero();

        checkpoints.save(40, 9, replicas(7.5f));
        Checkpoints.Restored restored = checkpoints.load(checkpoints.latest(), 9, 2);

        assertThat(restored.iteration()).isEqualTo(40);
        assertThat(restored.replicas().get(0).parameters()).containsExactly(1, 2, 3, 4, 5);
        assertThat(restored.replicas().get(1).parameters()).containsExactly(1, 7.5f, 3, -7.5f, 5);
        assertThat(restored.replicas().get(1).momentum()).containsExactly(0.1f, 0.2f, 0.3f, 0.4f, 0.5f);
        assertThat(dir.resolve("rank-1").resolve("iteration-000000040.ckpt")).exists();
    }

    @Test
    void parametersAreReplicaZerosForAnotherJobToStartFrom() throws IOException {
        new Checkpoints(dir, 0).save(40, 9, replicas(7.5f));

        assertThat(Checkpoints.parameters(dir.resolve("rank-0").resolve("iteration-000000040.ckpt")))
                .containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void keepsTheTwoNewestAndRefusesACheckpointOfAnotherRun() throws IOException {
        Checkpoints checkpoints = new Checkpoints(dir, 0);
        for (long iteration : new long[] {10, 20, 30}) {
            checkpoints.save(iteration, 9, replicas(iteration));
        }
        assertThat(checkpoints.latest()).isEqualTo(30);
        assertThat(dir.resolve("rank-0")).isDirectoryContaining(path -> path.endsWith("iteration-000000020.ckpt"))
                .isDirectoryNotContaining(path -> path.endsWith("iteration-000000010.ckpt"));

        assertThatThrownBy(() -> checkpoints.load(30, 8, 2)).hasMessageContaining("seed 9")
                .hasMessageContaining("this run needs iteration 30, seed 8 and 2 replicas");
    }
}
