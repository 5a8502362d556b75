package dev.hourglass.detection.head;

import dev.hourglass.trainer.model.ResNetArchitecture;
import dev.hourglass.trainer.model.ResNetGraph;
import dev.hourglass.trainer.worker.Checkpoints;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A {@link ResNetFpnBackbone} started from a classification ResNet that Hourglass trained ({@code ResNetGraph}'s
 * DL4J graph, e.g. restored from a job's checkpoint): each convolution's weights, and each BN frozen into its affine
 * at the statistics it ended with (Detectron's fine-tuning from ImageNet). The classifier is left behind; FPN and the
 * heads keep their fresh initialisation.
 */
public final class ResNetCheckpointWeights {

    private ResNetCheckpointWeights() {
    }

    /** Copies {@code resnet}'s stem and stages into {@code backbone}; their blocks and widths must agree. */
    public static void copy(ComputationGraph resnet, ResNetFpnBackbone backbone) {
        Map<String, INDArray> weights = backbone.parameters();
        Map<String, INDArray[]> affines = backbone.frozenAffines();
        int copied = 0;
        for (Map.Entry<String, INDArray> parameter : weights.entrySet()) {
            String name = parameter.getKey();
            if (!name.startsWith("backbone/")) {
                continue;
            }
            String prefix = dl4jPrefix(name.substring("backbone/".length(), name.length() - "/w".length()));
            Layer conv = layer(resnet, prefix + "_conv", name);
            // DL4J's [out, in, kH, kW] to SameDiff's [kH, kW, in, out]
            INDArray w = conv.getParam(DefaultParamInitializer.WEIGHT_KEY).permute(2, 3, 1, 0);
            INDArray target = parameter.getValue();
            if (!Arrays.equals(w.shape(), target.shape())) {
                throw new IllegalArgumentException(prefix + "_conv has weights " + Arrays.toString(w.shape())
                        + " where " + name + " needs " + Arrays.toString(target.shape()));
            }
            target.assign(w.castTo(target.dataType()));
            copied++;
        }
        for (Map.Entry<String, INDArray[]> affine : affines.entrySet()) {
            String prefix = dl4jPrefix(affine.getKey().substring("backbone/".length()));
            Layer bn = layer(resnet, prefix + "_bn", affine.getKey());
            double eps = ((BatchNormalization) bn.conf().getLayer()).getEps();
            INDArray gamma = bn.getParam(BatchNormalizationParamInitializer.GAMMA).reshape(-1);
            INDArray beta = bn.getParam(BatchNormalizationParamInitializer.BETA).reshape(-1);
            INDArray mean = bn.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).reshape(-1);
            // DL4J keeps the variance or log10 of sqrt(var), and normalises by sqrt(var + eps) (checked in the test)
            INDArray deviation = bn.paramTable().containsKey(BatchNormalizationParamInitializer.GLOBAL_LOG_STD)
                    ? Transforms.sqrt(Transforms.exp(bn.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD)
                            .reshape(-1).mul(2 * Math.log(10)), true).addi(eps), true)
                    : Transforms.sqrt(bn.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR).reshape(-1)
                            .add(eps), true);
            INDArray scale = gamma.div(deviation);
            INDArray shift = beta.sub(mean.mul(scale));
            INDArray[] target = affine.getValue();
            target[0].assign(scale.reshape(target[0].shape()).castTo(target[0].dataType()));
            target[1].assign(shift.reshape(target[1].shape()).castTo(target[1].dataType()));
            copied++;
        }
        if (copied == 0) {
            throw new IllegalArgumentException("the backbone has no ResNet layers to copy into");
        }
    }

    /**
     * Copies the ResNet of {@code architecture} saved in an Hourglass checkpoint ({@code Checkpoints}: replica 0's
     * flat parameters) into {@code backbone}. The classifier's size says how many classes it had: each adds the
     * last stage's width plus one (its weights and bias) to the parameter count.
     */
    public static void copyFromCheckpoint(Path checkpoint, ResNetArchitecture architecture,
            ResNetFpnBackbone backbone) throws IOException {
        float[] flat = Checkpoints.parameters(checkpoint);
        // a softmax classifier has at least two classes
        ComputationGraph twoClasses = ResNetGraph.build(architecture, architecture.inputSize(), 2, 0).network();
        long perClass = architecture.featureWidth() + 1L;
        long beyondTwo = flat.length - twoClasses.numParams();
        if (beyondTwo < 0 || beyondTwo % perClass != 0) {
            throw new IllegalArgumentException(checkpoint + " holds " + flat.length + " parameters, which no "
                    + architecture.name() + " classifier has (one of C classes has " + twoClasses.numParams()
                    + " + (C - 2) x " + perClass + "): is it a checkpoint of a " + architecture.name() + " job?");
        }
        int classes = (int) (2 + beyondTwo / perClass);
        ComputationGraph resnet = classes == 2 ? twoClasses
                : ResNetGraph.build(architecture, architecture.inputSize(), classes, 0).network();
        resnet.setParams(Nd4j.create(flat, new long[] {1, flat.length}, DataType.FLOAT));
        copy(resnet, backbone);
    }

    /**
     * {@code res3/block1/conv2} to {@code s2b2_2}, {@code res2/block0/shortcut/conv} to {@code s1b1_proj},
     * {@code stem/conv} to {@code stem}: ResNetGraph's names, stage and block from 1.
     */
    static String dl4jPrefix(String name) {
        String[] parts = name.split("/");
        if (parts[0].equals("stem")) {
            return "stem";
        }
        int stage = Integer.parseInt(parts[0].substring("res".length())) - 1;
        int block = Integer.parseInt(parts[1].substring("block".length())) + 1;
        String layer = parts[2].equals("shortcut") ? "proj" : parts[2].substring(parts[2].length() - 1);
        return "s" + stage + "b" + block + "_" + layer;
    }

    private static Layer layer(ComputationGraph resnet, String name, String wanted) {
        Layer layer = resnet.getLayer(name);
        if (layer == null) {
            throw new IllegalArgumentException("the ResNet has no layer " + name + " for " + wanted
                    + "; is it the same depth as the backbone?");
        }
        return layer;
    }
}
