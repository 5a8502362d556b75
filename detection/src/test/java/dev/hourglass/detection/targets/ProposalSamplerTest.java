package dev.hourglass.detection.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.hourglass.detection.box.BoxCoder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ProposalSamplerTest {

    private final INDArray objects = Nd4j.create(new double[][] {{10, 10, 30, 30}, {40, 40, 60, 50}});
    private final int[] classes = {2, 3};

    @Test
    void foregroundComesFirstWithItsClassAndDeltasThatDecodeToItsObject() {
        INDArray proposals = Nd4j.create(new double[][] {{11, 9, 31, 29}, {0, 0, 8, 8}, {41, 40, 61, 50},
                {20, 20, 40, 40}, {50, 0, 64, 10}});

        SampledProposals sampled = ProposalSampler.standard().sample(proposals, objects, classes,
                new SplittableRandom(1));

        // foreground: 2 proposals above IoU 0.5 plus the 2 object boxes; background: the 3 others
        assertThat(sampled.size()).isEqualTo(7);
        assertThat(sampled.foregroundCount()).isEqualTo(4);
        int[] cls = sampled.classes();
        int[] object = sampled.object();
        INDArray decoded = BoxCoder.forBoxHead().decode(sampled.deltas(), sampled.boxes());
        for (int s = 0; s < 4; s++) {
            assertThat(cls[s]).isEqualTo(classes[object[s]]);
            assertThat(decoded.getRow(s).toDoubleVector())
                    .containsExactly(objects.getRow(object[s]).toDoubleVector(), within(1e-9));
        }
        for (int s = 4; s < 7; s++) {
            assertThat(cls[s]).isZero();
            assertThat(object[s]).isEqualTo(-1);
            assertThat(sampled.deltas().getRow(s).toDoubleVector()).containsOnly(0.0);
        }
    }

    @Test
    void withoutProposalsTheObjectsOwnBoxesAreTheForeground() {
        SampledProposals sampled = ProposalSampler.standard().sample(Nd4j.zeros(DataType.DOUBLE, 0, 4), objects,
                classes, new SplittableRandom(1));

        assertThat(sampled.classes()).containsExactlyInAnyOrder(2, 3);
        assertThat(sampled.deltas().ravel().toDoubleVector()).containsOnly(0.0);
    }

    @Test
    void atMostAQuarterOf512AreForeground() {
        double[][] rows = new double[1000][];
        for (int i = 0; i < 1000; i++) {
            rows[i] = i < 600 ? new double[] {10 + i % 3 * 0.1, 10, 30, 30} : new double[] {0, 0, 5 + i % 5, 5};
        }
        INDArray many = Nd4j.create(rows);

        SampledProposals sampled = ProposalSampler.standard().sample(many, objects, classes, new SplittableRandom(1));

        assertThat(sampled.size()).isEqualTo(512);
        assertThat(sampled.foregroundCount()).isEqualTo(128);
    }

    @Test
    void aClassPerObjectIsRequired() {
        assertThatThrownBy(() -> ProposalSampler.standard().sample(objects, objects, new int[] {1},
                new SplittableRandom(1))).hasMessageContaining("2 object boxes but 1 object classes");
    }
}
