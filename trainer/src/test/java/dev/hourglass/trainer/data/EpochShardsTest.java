package dev.hourglass.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One global seeded shuffle per epoch, split into disjoint parts: never a per-worker shuffle. */
class EpochShardsTest {

    @Test
    void anEpochsShardsAreDisjointAndCoverEveryFullMinibatch() {
        EpochShards shards = new EpochShards(1_000, 4, 16, 42);

        assertThat(shards.iterationsPerEpoch()).isEqualTo(15); // 1,000 / 64, the last 40 images dropped
        Set<Integer> seen = new HashSet<>();
        for (int t = 0; t < shards.iterationsPerEpoch(); t++) {
            for (int r = 0; r < 16; r++) {
                for (int index : shards.indices(0, t, r)) {
                    assertThat(index).isBetween(0, 999);
                    assertThat(seen.add(index)).as("image %d used twice in one epoch", index).isTrue();
                }
            }
        }
        assertThat(seen).hasSize(15 * 64);
    }

    @Test
    void everyRankComputesTheSamePermutationAndEachEpochADifferentOne() {
        EpochShards rank0 = new EpochShards(500, 8, 4, 7);
        EpochShards rank1 = new EpochShards(500, 8, 4, 7);

        assertThat(rank0.indices(3, 5, 2)).containsExactly(rank1.indices(3, 5, 2));
        assertThat(rank0.permutation(0)).isNotEqualTo(rank0.permutation(1));
        assertThat(new EpochShards(500, 8, 4, 8).permutation(0)).isNotEqualTo(rank1.permutation(0));
        int[] sorted = rank0.permutation(4).clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertThat(sorted[i]).isEqualTo(i);
        }
    }

    @Test
    void theSameSamplesMakeTheLargeMinibatchWhateverTheSplit() {
        EpochShards oneReplica = new EpochShards(640, 16, 1, 11);
        EpochShards fourReplicas = new EpochShards(640, 4, 4, 11);

        Set<Integer> whole = new HashSet<>();
        for (int index : oneReplica.indices(2, 7, 0)) {
            whole.add(index);
        }
        Set<Integer> parts = new HashSet<>();
        for (int r = 0; r < 4; r++) {
            for (int index : fourReplicas.indices(2, 7, r)) {
                parts.add(index);
            }
        }
        assertThat(parts).isEqualTo(whole);
    }

    @Test
    void aMinibatchLargerThanTheDatasetIsRefused() {
        assertThatThrownBy(() -> new EpochShards(100, 32, 8, 1)).hasMessageContaining("kn=256 is larger than the dataset");
    }
}
