package dev.hourglass.detection.head;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

/**
 * The mask head on RoIAligned features {@code [F, C, M, M]} (Mask R-CNN, Figure 4, right, for FPN): four 3x3
 * convolutions with ReLU, a 2x2 stride-2 deconvolution with ReLU that doubles the resolution, and a 1x1 convolution
 * to one mask logit map per class: {@code [F, K, 2M, 2M]}. He init throughout, the predictor too: Detectron's
 * N(0, 0.001) predictor, made for 256 channels, leaves a narrow head's convolutions with almost no gradient for the
 * first hundreds of steps.
 */
public final class MaskHead {

    private static final String INPUT = "mask/in";
    private static final String LOGITS = "mask/logits";

    private final ExternalGradientGraph graph;

    public MaskHead(int channels, int poolSize, int convolutions, int classes, DataType dataType, long seed) {
        HeadInit init = new HeadInit(seed, dataType);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder(INPUT, dataType, -1, channels, poolSize, poolSize);
        Conv2DConfig same3 = Conv2DConfig.builder().kH(3).kW(3).paddingMode(PaddingMode.SAME).build();
        for (int i = 0; i < convolutions; i++) {
            x = sd.nn().relu(sd.cnn().conv2d(x, sd.var("mask/conv" + i + "/w", init.he(9L * channels, 3, 3, channels,
                    channels)), sd.var("mask/conv" + i + "/b", init.zeros(channels)), same3), 0);
        }
        DeConv2DConfig up = DeConv2DConfig.builder().kH(2).kW(2).sH(2).sW(2).isSameMode(false).build();
        // deconvolution weights are [kH, kW, out, in]
        x = sd.nn().relu(sd.cnn().deconv2d(x, sd.var("mask/deconv/w", init.he(4L * channels, 2, 2, channels,
                channels)), sd.var("mask/deconv/b", init.zeros(channels)), up), 0);
        Conv2DConfig one = Conv2DConfig.builder().kH(1).kW(1).paddingMode(PaddingMode.SAME).build();
        sd.cnn().conv2d(LOGITS, x, sd.var("mask/predictor/w", init.he(channels, 1, 1, channels, classes)),
                sd.var("mask/predictor/b", init.zeros(classes)), one);
        this.graph = new ExternalGradientGraph(sd, List.of(INPUT), List.of(LOGITS), new int[] {4});
    }

    /** {@code [F, K, 2M, 2M]} mask logits. */
    public INDArray forward(INDArray roiFeatures) {
        return graph.forward(Map.of(INPUT, roiFeatures)).get(LOGITS);
    }

    public HeadGradients backward(INDArray roiFeatures, INDArray logitGradient) {
        return graph.stageGradients(Map.of(INPUT, roiFeatures), Map.of(LOGITS, logitGradient));
    }

    public Map<String, INDArray> parameters() {
        return graph.parameters();
    }
}
