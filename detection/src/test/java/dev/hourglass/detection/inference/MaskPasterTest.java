package dev.hourglass.detection.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.detection.BinaryMask;
import dev.hourglass.detection.Box;
import dev.hourglass.detection.coco.CocoAnnotation;
import dev.hourglass.detection.coco.CocoFolder;
import dev.hourglass.detection.coco.CocoImage;
import dev.hourglass.detection.coco.GeneratedCocoSet;
import dev.hourglass.detection.targets.MaskTargets;
import dev.hourglass.detection.targets.SampledProposals;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MaskPasterTest {

    @TempDir
    Path dir;

    private static double[][] filled(int size, int columns) {
        double[][] grid = new double[size][size];
        for (double[] row : grid) {
            for (int x = 0; x < columns; x++) {
                row[x] = 1;
            }
        }
        return grid;
    }

    @Test
    void aFullMaskFillsItsBoxAndAHalfMaskHalfOfIt() {
        BinaryMask full = MaskPaster.paste(filled(28, 28), new double[] {2, 3, 10, 7}, 12, 9, MaskPaster.THRESHOLD);
        BinaryMask half = MaskPaster.paste(filled(28, 14), new double[] {2, 3, 10, 7}, 12, 9, MaskPaster.THRESHOLD);

        assertThat(full.area()).isEqualTo(8 * 4);
        assertThat(full.boundingBox()).contains(new Box(2, 3, 10, 7));
        assertThat(half.area()).isEqualTo(4 * 4);
        assertThat(half.boundingBox()).contains(new Box(2, 3, 6, 7));
    }

    @Test
    void cuttingAMaskToItsBoxAndPastingItBackGivesTheMaskAgain() throws Exception {
        GeneratedCocoSet.write(dir, 1, 4, 64, 6);
        CocoFolder validation = CocoFolder.open(dir, "val");
        for (Map.Entry<CocoImage, List<CocoAnnotation>> entry : validation.dataset().annotationsByImage().entrySet()) {
            for (CocoAnnotation annotation : entry.getValue()) {
                BinaryMask original = annotation.mask(entry.getKey());
                double[] box = {annotation.box().x1(), annotation.box().y1(), annotation.box().x2(),
                        annotation.box().y2()};
                SampledProposals roi = new SampledProposals(Nd4j.create(box, new long[] {1, 4}, 'c'),
                        new int[] {1}, new int[] {0}, Nd4j.zeros(DataType.DOUBLE, 1, 4));
                INDArray target = MaskTargets.of(List.of(original), roi, 28);

                BinaryMask pasted = MaskPaster.paste(target.reshape(28, 28).castTo(DataType.DOUBLE).toDoubleMatrix(),
                        box, 64, 64, MaskPaster.THRESHOLD);

                assertThat(pasted.iou(original)).as("annotation %d", annotation.id()).isGreaterThan(0.85);
            }
        }
    }
}
