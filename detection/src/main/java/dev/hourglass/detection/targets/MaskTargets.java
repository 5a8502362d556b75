package dev.hourglass.detection.targets;

import dev.hourglass.detection.BinaryMask;
import dev.hourglass.detection.roi.RoiAlign;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The mask head's targets (Mask R-CNN, Section 3): for each foreground RoI, its object's mask cut to the RoI and
 * resampled to {@code size x size}, by RoIAlign as Detectron2 does it, then thresholded at 0.5.
 */
public final class MaskTargets {

    private MaskTargets() {
    }

    /** {@code [F, size, size]} of 0 and 1 for the {@link SampledProposals#foregroundCount()} foreground RoIs. */
    public static INDArray of(List<BinaryMask> objectMasks, SampledProposals proposals, int size) {
        int foreground = proposals.foregroundCount();
        if (foreground == 0) {
            return Nd4j.zeros(DataType.FLOAT, 0, size, size);
        }
        BinaryMask first = objectMasks.get(0);
        double[] pixels = new double[objectMasks.size() * first.width() * first.height()];
        int k = 0;
        for (BinaryMask mask : objectMasks) {
            for (int y = 0; y < first.height(); y++) {
                for (int x = 0; x < first.width(); x++) {
                    pixels[k++] = mask.get(x, y) ? 1 : 0;
                }
            }
        }
        INDArray masks = Nd4j.create(pixels, new long[] {objectMasks.size(), 1, first.height(), first.width()}, 'c');
        INDArray boxes = proposals.boxes().get(NDArrayIndex.interval(0, foreground), NDArrayIndex.all());
        int[] object = Arrays.copyOf(proposals.object(), foreground);
        INDArray resampled = new RoiAlign(size, size, 1.0, 0, true).forward(masks, boxes, object);
        return resampled.reshape(foreground, size, size).gte(0.5).castTo(DataType.FLOAT);
    }
}
