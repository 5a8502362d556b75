package dev.hourglass.detection.head;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The box head on RoIAligned features {@code [S, C, P, P]} (FPN's "2fc" head, Section 4.2): two fully connected
 * layers with ReLU (1024 wide in the paper; optionally group-normalised, for a model trained from scratch at high
 * rates, where the plain head's logits blow up), then {@code C + 1} class logits (0 background) and {@code 4C}
 * class-specific box deltas. Hidden layers start from He init, the classifier from N(0, 0.01) and the box
 * regressor from N(0, 0.001), as in Detectron.
 */
public final class BoxHead {

    /** Group Norm's groups on each hidden layer (fewer where a layer has fewer units). */
    private static final int GN_GROUPS = 8;
    private static final String INPUT = "box/in";
    private static final String CLASSES = "box/class-logits";
    private static final String DELTAS = "box/deltas";

    private final ExternalGradientGraph graph;

    /** {@code groupNorm}: Group Norm on each hidden layer, which then has no bias (GN's shift is one). */
    public BoxHead(int channels, int poolSize, int hidden, int classes, boolean groupNorm, DataType dataType,
            long seed) {
        HeadInit init = new HeadInit(seed, dataType);
        long flat = (long) channels * poolSize * poolSize;
        SameDiff sd = SameDiff.create();
        // flattened outside the graph: SameDiff gives no gradient for a placeholder that goes through reshape
        SDVariable x = sd.placeHolder(INPUT, dataType, -1, flat);
        x = hidden(sd, init, "box/fc1", x, flat, hidden, groupNorm, dataType);
        x = hidden(sd, init, "box/fc2", x, hidden, hidden, groupNorm, dataType);
        x.mmul(sd.var("box/cls/w", init.normal(0.01, hidden, classes + 1)))
                .add(sd.var("box/cls/b", init.zeros(classes + 1))).rename(CLASSES);
        x.mmul(sd.var("box/reg/w", init.normal(0.001, hidden, 4L * classes)))
                .add(sd.var("box/reg/b", init.zeros(4L * classes))).rename(DELTAS);
        this.graph = new ExternalGradientGraph(sd, List.of(INPUT), List.of(CLASSES, DELTAS), new int[] {2, 2});
    }

    /** A fully connected layer with ReLU, with Group Norm (groups of at least two units) or a bias before it. */
    private static SDVariable hidden(SameDiff sd, HeadInit init, String name, SDVariable x, long in, int out,
            boolean groupNorm, DataType dataType) {
        SDVariable product = x.mmul(sd.var(name + "/w", init.he(in, in, out)));
        SDVariable preActivation = groupNorm
                ? GroupNorm.applyToVectors(sd, name + "/gn", product, out, Math.max(1, Math.min(GN_GROUPS, out / 2)),
                        dataType)
                : product.add(sd.var(name + "/b", init.zeros(out)));
        return sd.nn().relu(preActivation, 0);
    }

    /** {@code [S, C + 1]} class logits and {@code [S, 4C]} deltas. */
    public record Outputs(INDArray classLogits, INDArray deltas) {
    }

    public Outputs forward(INDArray roiFeatures) {
        Map<String, INDArray> out = graph.forward(Map.of(INPUT, flatten(roiFeatures)));
        return new Outputs(out.get(CLASSES), out.get(DELTAS));
    }

    public HeadGradients backward(INDArray roiFeatures, INDArray classGradient, INDArray deltaGradient) {
        HeadGradients flat = graph.stageGradients(Map.of(INPUT, flatten(roiFeatures)),
                Map.of(CLASSES, classGradient, DELTAS, deltaGradient));
        return new HeadGradients(List.of(flat.inputs().get(0).reshape(roiFeatures.shape())), flat.parameters());
    }

    private static INDArray flatten(INDArray roiFeatures) {
        return roiFeatures.reshape('c', roiFeatures.size(0), roiFeatures.length() / roiFeatures.size(0));
    }

    public Map<String, INDArray> parameters() {
        return graph.parameters();
    }
}
