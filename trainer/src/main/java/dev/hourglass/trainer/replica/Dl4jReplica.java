package dev.hourglass.trainer.replica;

import dev.hourglass.recipe.RecipePlan;
import dev.hourglass.trainer.data.ImageBatchLoader.Batch;
import dev.hourglass.trainer.data.ImageTransform;
import dev.hourglass.trainer.model.ParameterLayout;
import dev.hourglass.trainer.model.ParameterRole;
import dev.hourglass.trainer.model.ResNetArchitecture;
import dev.hourglass.trainer.model.ResNetGraph;
import dev.hourglass.trainer.model.SoftmaxCrossEntropy;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A replica on DL4J/ND4J: a ResNet computation graph whose flat gradient is handed to the allreduce without a
 * copy (it is one contiguous view whose address stays put: docs/nd4j.md, "Parameters as one view"), and the
 * trainer's own momentum SGD over its flat parameters. On the CUDA backend the allreduce works on the gradient's host
 * copy, so the replica brings it to the host after backprop and marks the host copy current before the update; on the
 * CPU backend both are no-ops.
 */
public final class Dl4jReplica implements Replica<Batch> {

    private final ComputationGraph network;
    private final SoftmaxCrossEntropy loss;
    private final int classes;
    private final INDArray parameters;
    private final INDArray gradientView;
    private final FloatBuffer gradient;
    private final List<INDArray[]> runningStatistics = new ArrayList<>();
    private final MomentumSgd sgd;

    private Dl4jReplica(ResNetGraph.Built built, int classes, RecipePlan plan) {
        this.network = built.network();
        this.loss = built.loss();
        this.classes = classes;
        network.initGradientsView();
        this.parameters = network.params();
        this.gradientView = network.getGradientsViewArray();
        if (gradientView.offset() != 0 || gradientView.data().length() != gradientView.length()
                || gradientView.length() > Integer.MAX_VALUE) {
            throw new IllegalStateException("the network's gradient is not one whole flat buffer of at most 2^31 floats");
        }
        this.gradient = gradientView.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
        ParameterLayout layout = ParameterLayout.of(network);
        for (ParameterLayout.Segment segment : layout.segments()) {
            if (segment.role() == ParameterRole.BN_RUNNING_STATISTIC) {
                runningStatistics.add(new INDArray[] {segment.of(parameters), segment.of(gradientView)});
            }
        }
        this.sgd = new MomentumSgd(parameters, gradientView, layout, plan::weightDecayFor);
    }

    /**
     * A replica of {@code architecture} for square RGB images of {@code imageSize}; replicas made with the same
     * seed start with identical parameters.
     */
    public static Dl4jReplica create(ResNetArchitecture architecture, int imageSize, int classes, long seed,
                                     RecipePlan plan) {
        return new Dl4jReplica(ResNetGraph.build(architecture, imageSize, classes, seed), classes, plan);
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
    public BatchResult computeGradient(Batch batch, double lossScale) {
        network.setInputs(features(batch));
        network.setLabels(oneHot(batch));
        network.computeGradientAndScore();
        for (INDArray[] statistic : runningStatistics) {
            // DL4J's "gradient" of a running statistic is its moving-average step: apply it here, keep it out of the sum
            statistic[0].subi(statistic[1]);
            statistic[1].assign(0);
        }
        gradientView.muli(lossScale);
        Nd4j.getAffinityManager().ensureLocation(gradientView, AffinityManager.Location.HOST);
        return BatchResult.classification(network.score() * batch.size(), loss.lastMistakes(), batch.size());
    }

    @Override
    public void applyUpdate(SgdStep step) {
        Nd4j.getAffinityManager().tagLocation(gradientView, AffinityManager.Location.HOST);
        sgd.step(step);
    }

    /** The batch's loss and mistakes in inference mode (BN with its running statistics), parameters untouched. */
    public BatchResult evaluate(Batch batch) {
        INDArray probabilities = network.output(false, features(batch))[0];
        INDArray predicted = Nd4j.argMax(probabilities, 1);
        double lossSum = 0;
        int mistakes = 0;
        for (int i = 0; i < batch.size(); i++) {
            int label = batch.labels()[i];
            lossSum -= Math.log(Math.max(probabilities.getDouble(i, label), 1e-12));
            if (predicted.getInt(i) != label) {
                mistakes++;
            }
        }
        return BatchResult.classification(lossSum, mistakes, batch.size());
    }

    @Override
    public ReplicaState state() {
        return ReplicaState.of(parameters, sgd.velocity());
    }

    @Override
    public void restore(ReplicaState state) {
        state.copyInto(parameters, sgd.velocity());
    }

    /** The network itself, for tests and benchmarks that compare with DL4J's own training. */
    public ComputationGraph network() {
        return network;
    }

    private static INDArray features(Batch batch) {
        return Nd4j.create(batch.features(), new long[] {batch.size(), ImageTransform.CHANNELS, batch.imageSize(),
                batch.imageSize()}, 'c');
    }

    private INDArray oneHot(Batch batch) {
        INDArray labels = Nd4j.zeros(DataType.FLOAT, batch.size(), classes);
        for (int i = 0; i < batch.size(); i++) {
            labels.putScalar(i, batch.labels()[i], 1.0);
        }
        return labels;
    }

    @Override
    public void close() {
        network.clear();
    }
}
