package dev.hourglass.detection.training;

import dev.hourglass.detection.data.DetectionMinibatch;
import dev.hourglass.detection.model.MaskRcnn;
import dev.hourglass.detection.model.MaskRcnnConfig;
import dev.hourglass.detection.model.TrainingStep;
import dev.hourglass.protocol.MetricNames;
import dev.hourglass.recipe.RecipePlan;
import dev.hourglass.trainer.model.ParameterLayout;
import dev.hourglass.trainer.model.ParameterRole;
import dev.hourglass.trainer.replica.BatchResult;
import dev.hourglass.trainer.replica.MomentumSgd;
import dev.hourglass.trainer.replica.Replica;
import dev.hourglass.trainer.replica.ReplicaState;
import dev.hourglass.trainer.replica.SgdStep;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A Mask R-CNN replica: the model's named parameters laid end to end in one flat vector (the allreduce's and the
 * optimiser's view) and copied back into the model after each update. Each image of a minibatch is its own forward
 * and backward pass with its own sampling seed, its loss normalised by its own sampled anchors and RoIs; the
 * replica's gradient is {@code lossScale} times the sum of the images' gradients, so kn images give the same update
 * however they are split over devices (the model has no batch normalisation: nothing else couples the images).
 */
public final class MaskRcnnReplica implements Replica<DetectionMinibatch> {

    /** The series of each loss term, {@code train.loss_rpn_objectness} and so on. */
    static String seriesOf(String term) {
        return MetricNames.LOSS + "_" + term.replace('.', '_');
    }

    private final MaskRcnn model;
    private final Map<String, INDArray> modelParameters;
    private final ParameterLayout layout;
    private final INDArray parameters;
    private final INDArray gradientView;
    private final FloatBuffer gradient;
    private final MomentumSgd sgd;

    private MaskRcnnReplica(MaskRcnn model, RecipePlan plan) {
        this.model = model;
        this.modelParameters = model.parameters();
        List<ParameterLayout.Segment> segments = new ArrayList<>();
        long offset = 0;
        for (Map.Entry<String, INDArray> parameter : modelParameters.entrySet()) {
            long length = parameter.getValue().length();
            segments.add(new ParameterLayout.Segment(parameter.getKey(), offset, length, role(parameter.getKey())));
            offset += length;
        }
        if (offset > Integer.MAX_VALUE) {
            throw new IllegalStateException("a model of " + offset + " parameters does not fit one allreduce buffer");
        }
        this.layout = new ParameterLayout(segments, offset);
        this.parameters = Nd4j.create(DataType.FLOAT, 1, offset);
        for (ParameterLayout.Segment segment : segments) {
            segment.of(parameters).assign(modelParameters.get(segment.name()).reshape(segment.length()));
        }
        this.gradientView = Nd4j.create(DataType.FLOAT, 1, offset);
        this.gradient = gradientView.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
        this.sgd = new MomentumSgd(parameters, gradientView, layout, plan::weightDecayFor);
    }

    /** Replicas made with the same config and seed start with identical parameters. */
    public static MaskRcnnReplica create(MaskRcnnConfig config, long seed, RecipePlan plan) {
        return new MaskRcnnReplica(new MaskRcnn(config, DataType.FLOAT, seed), plan);
    }

    /**
     * A replica whose ResNet-FPN backbone starts from an earlier ResNet job's checkpoint (the rest as
     * {@link #create(MaskRcnnConfig, long, RecipePlan)}); the frozen BN affines come from it too, and stay.
     */
    public static MaskRcnnReplica create(MaskRcnnConfig config, long seed, RecipePlan plan, Path backboneCheckpoint)
            throws IOException {
        MaskRcnn model = new MaskRcnn(config, DataType.FLOAT, seed);
        model.initialiseBackbone(backboneCheckpoint);
        return new MaskRcnnReplica(model, plan);
    }

    private static ParameterRole role(String name) {
        if (name.endsWith("/w")) {
            return ParameterRole.WEIGHT;
        }
        if (name.endsWith("/b")) {
            return ParameterRole.BIAS;
        }
        if (name.endsWith("/gamma")) {
            return ParameterRole.BN_GAMMA;
        }
        if (name.endsWith("/beta")) {
            return ParameterRole.BN_BETA;
        }
        throw new IllegalArgumentException("parameter '" + name + "' is neither a weight (/w), a bias (/b) nor a"
                + " normalisation's scale (/gamma) or shift (/beta)");
    }

    /** The model, its parameters those of the last update: for validation on this replica's thread. */
    public MaskRcnn model() {
        return model;
    }

    @Override
    public int gradientLength() {
        return (int) gradientView.length();
    }

    @Override
    public FloatBuffer gradient() {
        return gradient;
    }

    @Override
    public BatchResult computeGradient(DetectionMinibatch batch, double lossScale) {
        gradientView.assign(0);
        Map<String, Double> sums = new LinkedHashMap<>();
        sums.put(MetricNames.LOSS, 0.0);
        for (int i = 0; i < batch.size(); i++) {
            TrainingStep step = model.trainingStep(batch.images().get(i), new SplittableRandom(batch.samplingSeed(i)));
            sums.merge(MetricNames.LOSS, step.total(), Double::sum);
            step.losses().forEach((term, value) -> sums.merge(seriesOf(term), value, Double::sum));
            for (ParameterLayout.Segment segment : layout.segments()) {
                INDArray imageGradient = step.gradients().get(segment.name());
                if (imageGradient == null) {
                    throw new IllegalStateException("the training step gave no gradient for " + segment.name());
                }
                segment.of(gradientView).addi(imageGradient.castTo(DataType.FLOAT).reshape(segment.length())
                        .muli(lossScale));
            }
        }
        Nd4j.getAffinityManager().ensureLocation(gradientView, AffinityManager.Location.HOST);
        return new BatchResult(batch.size(), sums);
    }

    @Override
    public void applyUpdate(SgdStep step) {
        Nd4j.getAffinityManager().tagLocation(gradientView, AffinityManager.Location.HOST);
        sgd.step(step);
        copyIntoModel();
    }

    @Override
    public ReplicaState state() {
        return ReplicaState.of(parameters, sgd.velocity());
    }

    @Override
    public void restore(ReplicaState state) {
        state.copyInto(parameters, sgd.velocity());
        copyIntoModel();
    }

    private void copyIntoModel() {
        for (ParameterLayout.Segment segment : layout.segments()) {
            INDArray target = modelParameters.get(segment.name());
            target.assign(segment.of(parameters).reshape(target.shape()).castTo(target.dataType()));
        }
    }

    @Override
    public void close() {
        // the model's arrays are freed with it
    }
}
