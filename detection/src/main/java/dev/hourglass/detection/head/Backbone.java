package dev.hourglass.detection.head;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A backbone with its feature pyramid, as Mask R-CNN sees it: images in, one feature map per level out, finest
 * first (P2 at stride 4, then every further level at twice the stride), and the chain rule back from gradients for
 * those maps.
 */
public interface Backbone {

    /** The pyramid of {@code images [N, 3, H, W]}: level l is {@code [N, C, H / strides()[l], W / strides()[l]]}. */
    List<INDArray> forward(INDArray images);

    /** Gradients for the images (input 0) and every trained parameter, given one gradient per pyramid level. */
    HeadGradients backward(INDArray images, List<INDArray> pyramidGradients);

    /** The trained parameters, live; fixed values such as frozen normalisation are not among them. */
    Map<String, INDArray> parameters();

    /** The stride of each pyramid level, finest first. */
    int[] strides();
}
