package dev.hourglass.trainer.detection.head;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The box head on RoIAligned features {@code [S, C, P, P]} (FPN's "2fc" head, Section 4.2): two fully connected
 * layers with ReLU (1024 wide in the paper), then {@code C + 1} class logits (0 background) and {@code 4C}
 * class-specific box deltas. Hidden layers start from He init, the classifier from N(0, 0.01) and the box
 * regressor from N(0, 0.001), as in Detectron.
 */
public final class BoxHead {

    private static final String INPUT = "box/in";
    private static final String CLASSES = "box/class-logits";
    private static final String DELTAS = "box/deltas";

    private final ExternalGradientGraph graph;

    public BoxHead(int channels, int poolSize, int hidden, int classes, DataType dataType, long seed) {
        HeadInit init = new HeadInit(seed, dataType);
        long flat = (long) channels * poolSize * poolSize;
        SameDiff sd = SameDiff.create();
        // flattened outside the graph: SameDiff gives no gradient for a placeholder that goes through reshape
        SDVariable x = sd.placeHolder(INPUT, dataType, -1, flat);
        x = sd.nn().relu(x.mmul(sd.var("box/fc1/w", init.he(flat, flat, hidden)))
                .add(sd.var("box/fc1/b", init.zeros(hidden))), 0);
        x = sd.nn().relu(x.mmul(sd.var("box/fc2/w", init.he(hidden, hidden, hidden)))
                .add(sd.var("box/fc2/b", init.zeros(hidden))), 0);
        x.mmul(sd.var("box/cls/w", init.normal(0.01, hidden, classes + 1)))
                .add(sd.var("box/cls/b", init.zeros(classes + 1))).rename(CLASSES);
        x.mmul(sd.var("box/reg/w", init.normal(0.001, hidden, 4L * classes)))
                .add(sd.var("box/reg/b", init.zeros(4L * classes))).rename(DELTAS);
        this.graph = new ExternalGradientGraph(sd, List.of(INPUT), List.of(CLASSES, DELTAS), new int[] {2, 2});
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
