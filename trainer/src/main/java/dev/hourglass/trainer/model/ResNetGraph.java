package dev.hourglass.trainer.model;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * A {@link ResNetArchitecture} as a DL4J computation graph, initialised as the paper says (docs/architecture.md,
 * "Weight initialisation"): He init for convolutions, the last fully connected layer from N(0, 0.01), and the gamma of
 * the last BN of every residual block at 0, so that each block starts as the identity. The graph carries no updater and
 * no L2: the trainer's own momentum SGD applies the recipe's rate, momentum correction and weight decay.
 */
public final class ResNetGraph {

    static final String INPUT = "input";
    static final String OUTPUT = "fc";
    static final double BN_DECAY = 0.9;
    static final double BN_EPSILON = 1e-5;

    private final ResNetArchitecture architecture;
    private final ComputationGraphConfiguration.GraphBuilder graph;
    private final List<String> zeroGammaLayers = new ArrayList<>();
    private final SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();

    private ResNetGraph(ResNetArchitecture architecture, long seed, IUpdater updater, double l2) {
        this.architecture = architecture;
        this.graph = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(updater)
                .l2(l2)
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Truncate)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .graphBuilder();
    }

    /** A built, initialised network and the loss that counts its training mistakes. */
    public record Built(ComputationGraph network, SoftmaxCrossEntropy loss) {
    }

    /**
     * Builds and initialises the network for square RGB images of {@code imageSize} and {@code classes} classes.
     * The same seed gives the same initial parameters, so every replica of a job starts identical.
     */
    public static Built build(ResNetArchitecture architecture, int imageSize, int classes, long seed) {
        return new ResNetGraph(architecture, seed, new NoOp(), 0).assemble(imageSize, classes);
    }

    /**
     * The same network trained by DL4J's own {@code fit}, with its {@code updater} and L2 (which DL4J never applies
     * to BN parameters, and to biases only if asked): the reference the step benchmark compares the trainer with.
     */
    public static Built buildForDl4jFit(ResNetArchitecture architecture, int imageSize, int classes, long seed,
                                        IUpdater updater, double l2) {
        return new ResNetGraph(architecture, seed, updater, l2).assemble(imageSize, classes);
    }

    private Built assemble(int imageSize, int classes) {
        graph.addInputs(INPUT).setInputTypes(InputType.convolutional(imageSize, imageSize, 3));
        String x = stem();
        for (int stage = 0; stage < architecture.blocksPerStage().size(); stage++) {
            for (int block = 0; block < architecture.blocksPerStage().get(stage); block++) {
                x = residualBlock("s" + (stage + 1) + "b" + (block + 1), x, stage, block);
            }
        }
        graph.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x);
        graph.addLayer(OUTPUT, new OutputLayer.Builder().lossFunction(loss).nOut(classes).activation(Activation.SOFTMAX)
                .weightInit(new NormalDistribution(0, 0.01)).biasInit(0).build(), "pool");
        graph.setOutputs(OUTPUT);
        ComputationGraph network = new ComputationGraph(graph.build());
        network.init();
        for (String layer : zeroGammaLayers) {
            network.getLayer(layer).getParam("gamma").assign(0);
        }
        return new Built(network, loss);
    }

    private String stem() {
        if (architecture.imagenetStem()) {
            String x = convBnRelu("stem", INPUT, architecture.stemWidth(), 7, 2);
            graph.addLayer("stem_pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(2, 2)
                    .padding(1, 1).build(), x);
            return "stem_pool";
        }
        return convBnRelu("stem", INPUT, architecture.stemWidth(), 3, 1);
    }

    /** One block: its branch, a projection shortcut where the shape changes, their sum, then ReLU. */
    private String residualBlock(String name, String input, int stage, int block) {
        int stride = stage > 0 && block == 0 ? 2 : 1;
        int in = block > 0 ? architecture.outputWidth(stage)
                : stage == 0 ? architecture.stemWidth() : architecture.outputWidth(stage - 1);
        int width = architecture.stageWidths().get(stage);
        int out = architecture.outputWidth(stage);
        String branch;
        if (architecture.block() == ResNetArchitecture.Block.BASIC) {
            branch = convBnRelu(name + "_1", input, width, 3, stride);
            branch = convBn(name + "_2", branch, out, 3, 1);
        } else {
            // stride on the 3x3 convolution, as in the paper's ResNet-50 (fb.resnet.torch)
            branch = convBnRelu(name + "_1", input, width, 1, 1);
            branch = convBnRelu(name + "_2", branch, width, 3, stride);
            branch = convBn(name + "_3", branch, out, 1, 1);
        }
        if (architecture.batchNorm()) {
            zeroGammaLayers.add(branch);
        }
        String shortcut = stride != 1 || in != out ? convBn(name + "_proj", input, out, 1, stride) : input;
        graph.addVertex(name + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), branch, shortcut);
        graph.addLayer(name + "_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), name + "_add");
        return name + "_relu";
    }

    private String convBnRelu(String name, String input, int channels, int kernel, int stride) {
        String x = convBn(name, input, channels, kernel, stride);
        graph.addLayer(name + "_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), x);
        return name + "_relu";
    }

    /** A convolution (no bias where BN follows) and its BN; returns the name of the last layer added. */
    private String convBn(String name, String input, int channels, int kernel, int stride) {
        boolean bn = architecture.batchNorm();
        graph.addLayer(name + "_conv", new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride)
                .padding(kernel / 2, kernel / 2).nOut(channels).hasBias(!bn).activation(Activation.IDENTITY).build(), input);
        if (!bn) {
            return name + "_conv";
        }
        graph.addLayer(name + "_bn", new BatchNormalization.Builder().decay(BN_DECAY).eps(BN_EPSILON).build(),
                name + "_conv");
        return name + "_bn";
    }
}
