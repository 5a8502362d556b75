package dev.hourglass.detection.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.detection.BinaryMask;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class MaskTargetsTest {

    /** A 16x16 image whose only object covers pixels x 2..9, y 2..9 (the box 2..10). */
    private static BinaryMask square() {
        BinaryMask mask = new BinaryMask(16, 16);
        for (int y = 2; y < 10; y++) {
            for (int x = 2; x < 10; x++) {
                mask.set(x, y, true);
            }
        }
        return mask;
    }

    private static SampledProposals foreground(double... box) {
        return new SampledProposals(Nd4j.create(box, new long[] {1, 4}, 'c'), new int[] {1}, new int[] {0},
                Nd4j.zeros(DataType.DOUBLE, 1, 4));
    }

    @Test
    void aRoiOnItsObjectsBoxSeesTheMaskAlmostEverywhere() {
        float[] target = MaskTargets.of(List.of(square()), foreground(2, 2, 10, 10), 28).ravel().toFloatVector();

        int ones = 0;
        for (float v : target) {
            assertThat(v).isIn(0f, 1f);
            ones += (int) v;
        }
        // only the four corner samples interpolate below one half
        assertThat(ones).isEqualTo(28 * 28 - 4);
    }

    @Test
    void aRoiOverTheRightHalfSeesTheMaskOnlyInItsLeftHalf() {
        // the RoI 6..14 holds the object's columns 6..9 in its left half
        float[][] target = MaskTargets.of(List.of(square()), foreground(6, 2, 14, 10), 28)
                .reshape(28, 28).toFloatMatrix();

        for (int column = 0; column < 28; column++) {
            assertThat(target[14][column]).as("column %d", column).isEqualTo(column < 14 ? 1f : 0f);
        }
    }

    @Test
    void backgroundRoisGetNoMaskTarget() {
        SampledProposals background = new SampledProposals(Nd4j.create(new double[] {0, 0, 4, 4}, new long[] {1, 4},
                'c'), new int[] {0}, new int[] {-1}, Nd4j.zeros(DataType.DOUBLE, 1, 4));

        assertThat(MaskTargets.of(List.of(square()), background, 28).shape()).containsExactly(0, 28, 28);
    }
}
