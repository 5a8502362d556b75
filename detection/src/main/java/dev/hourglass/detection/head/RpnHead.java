package dev.hourglass.detection.head;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

/**
 * The region proposal network's head (Faster R-CNN, Section 3.1), shared by every pyramid level (FPN, Section 4.1):
 * a 3x3 convolution with ReLU, then 1x1 convolutions to {@code A} objectness logits and {@code 4A} box deltas per
 * location. The 1x1 predictors start from N(0, 0.01) as in Detectron, the 3x3 convolution from He init: Detectron's
 * N(0, 0.01) there assumes 256 channels (fan-in 2304) and leaves a narrow head's hidden layer several times too weak.
 * Biases start at 0.
 */
public final class RpnHead {

    private final int levels;
    private final ExternalGradientGraph graph;

    public RpnHead(int channels, int anchorsPerLocation, int levels, DataType dataType, long seed) {
        this.levels = levels;
        HeadInit init = new HeadInit(seed, dataType);
        SameDiff sd = SameDiff.create();
        SDVariable convW = sd.var("rpn/conv/w", init.he(9L * channels, 3, 3, channels, channels));
        SDVariable convB = sd.var("rpn/conv/b", init.zeros(channels));
        SDVariable clsW = sd.var("rpn/objectness/w", init.normal(0.01, 1, 1, channels, anchorsPerLocation));
        SDVariable clsB = sd.var("rpn/objectness/b", init.zeros(anchorsPerLocation));
        SDVariable boxW = sd.var("rpn/deltas/w", init.normal(0.01, 1, 1, channels, 4L * anchorsPerLocation));
        SDVariable boxB = sd.var("rpn/deltas/b", init.zeros(4L * anchorsPerLocation));
        Conv2DConfig same3 = Conv2DConfig.builder().kH(3).kW(3).paddingMode(PaddingMode.SAME).build();
        Conv2DConfig same1 = Conv2DConfig.builder().kH(1).kW(1).paddingMode(PaddingMode.SAME).build();
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        for (int l = 0; l < levels; l++) {
            SDVariable in = sd.placeHolder(inputName(l), dataType, -1, channels, -1, -1);
            SDVariable hidden = sd.nn().relu(sd.cnn().conv2d(in, convW, convB, same3), 0);
            sd.cnn().conv2d(objectnessName(l), hidden, clsW, clsB, same1);
            sd.cnn().conv2d(deltasName(l), hidden, boxW, boxB, same1);
            inputs.add(inputName(l));
            outputs.add(objectnessName(l));
            outputs.add(deltasName(l));
        }
        int[] ranks = new int[outputs.size()];
        Arrays.fill(ranks, 4);
        this.graph = new ExternalGradientGraph(sd, inputs, outputs, ranks);
    }

    private static String inputName(int level) {
        return "rpn/in/" + level;
    }

    private static String objectnessName(int level) {
        return "rpn/objectness/" + level;
    }

    private static String deltasName(int level) {
        return "rpn/deltas/" + level;
    }

    /** Per level {@code [N, A, H, W]} objectness logits and {@code [N, 4A, H, W]} deltas. */
    public record Outputs(List<INDArray> objectness, List<INDArray> deltas) {
    }

    public Outputs forward(List<INDArray> features) {
        Map<String, INDArray> out = graph.forward(feed(features));
        List<INDArray> objectness = new ArrayList<>();
        List<INDArray> deltas = new ArrayList<>();
        for (int l = 0; l < levels; l++) {
            objectness.add(out.get(objectnessName(l)));
            deltas.add(out.get(deltasName(l)));
        }
        return new Outputs(objectness, deltas);
    }

    public HeadGradients backward(List<INDArray> features, List<INDArray> objectnessGradients,
            List<INDArray> deltaGradients) {
        Map<String, INDArray> upstream = new HashMap<>();
        for (int l = 0; l < levels; l++) {
            upstream.put(objectnessName(l), objectnessGradients.get(l));
            upstream.put(deltasName(l), deltaGradients.get(l));
        }
        return graph.stageGradients(feed(features), upstream);
    }

    public Map<String, INDArray> parameters() {
        return graph.parameters();
    }

    private Map<String, INDArray> feed(List<INDArray> features) {
        if (features.size() != levels) {
            throw new IllegalArgumentException(features.size() + " feature maps for an RPN head over " + levels
                    + " levels");
        }
        Map<String, INDArray> feed = new HashMap<>();
        for (int l = 0; l < levels; l++) {
            feed.put(inputName(l), features.get(l));
        }
        return feed;
    }
}
