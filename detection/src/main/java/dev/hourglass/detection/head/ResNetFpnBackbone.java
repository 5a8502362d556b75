package dev.hourglass.detection.head;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;

/**
 * ResNet (He et al., 2016) with a feature pyramid (FPN, Section 4.1), the backbone of Mask R-CNN's R50-FPN: a 7x7/2
 * stem convolution and a 3x3/2 max pool, four stages of bottleneck blocks (1x1, 3x3, 1x1 with 4x expansion; the
 * stride on the 3x3 as in Detectron and torchvision; a 1x1 projection shortcut on each stage's first block), then
 * 1x1 laterals from C2..C5, nearest-neighbour 2x upsampling added top-down, and a 3x3 output convolution on each
 * sum, giving P2..P5; P6, for the RPN only, subsamples P5 by a 1x1 max pool of stride 2. Strides 4 to 64.
 *
 * <p>Every batch normalisation is frozen, as in Detectron's fine-tuning (its AffineChannel): a fixed per-channel
 * {@code y = scale * x + shift}, SameDiff constants that are not trained and not among {@link #parameters}. The
 * minibatches of detection are one or two images per device, too few for batch statistics, and freezing also avoids
 * SameDiff's batchNorm, whose backward fails in this release (docs/nd4j.md, "SameDiff normalisation backward").
 * The convolutions before a frozen affine have no bias: its shift is one.
 *
 * <p>Fresh weights (no checkpoint): He init, every affine the identity, and each block's last convolution zero, so
 * that each residual block starts as the identity. It is the trainable stand-in for Goyal et al.'s (2017, Section
 * 5.1) zero gamma on a block's last BN, which a frozen affine cannot carry.
 */
public final class ResNetFpnBackbone implements Backbone {

    /** ResNet-50's blocks per stage, C2..C5. */
    public static final int[] RESNET50_BLOCKS = {3, 4, 6, 3};
    public static final int[] STRIDES = {4, 8, 16, 32, 64};
    private static final String INPUT = "backbone/images";
    private static final List<String> STAGES = List.of("backbone/c2", "backbone/c3", "backbone/c4", "backbone/c5");
    private static final List<String> OUTPUTS = List.of("fpn/p2", "fpn/p3", "fpn/p4", "fpn/p5", "fpn/p6");

    private final SameDiff sd;
    private final ExternalGradientGraph graph;
    private final List<String> affineNames = new ArrayList<>();

    /** ResNet-50-FPN: 64 stem channels, C2..C5 of 256, 512, 1024, 2048 channels. */
    public static ResNetFpnBackbone resnet50(int pyramidChannels, DataType dataType, long seed) {
        return new ResNetFpnBackbone(RESNET50_BLOCKS, 64, pyramidChannels, dataType, seed);
    }

    /**
     * {@code blocks[s]}: the bottleneck blocks of stage s (C2..C5, four stages); {@code baseWidth}: the stem's
     * channels and stage C2's bottleneck width, doubled at each later stage, each block's output 4x its width.
     */
    public ResNetFpnBackbone(int[] blocks, int baseWidth, int pyramidChannels, DataType dataType, long seed) {
        if (blocks.length != 4) {
            throw new IllegalArgumentException("blocks are per stage C2..C5: 4 numbers, got " + blocks.length);
        }
        HeadInit init = new HeadInit(seed, dataType);
        this.sd = SameDiff.create();
        SDVariable x = sd.placeHolder(INPUT, dataType, -1, 3, -1, -1);
        x = sd.nn().relu(affine(init, "backbone/stem/bn", conv(init, "backbone/stem/conv", x, 3, baseWidth, 7, 2,
                false), baseWidth), 0);
        x = sd.cnn().maxPooling2d(x, Pooling2DConfig.builder().kH(3).kW(3).sH(2).sW(2).pH(1).pW(1)
                .paddingMode(PaddingMode.VALID).isNHWC(false).build());
        int in = baseWidth;
        List<SDVariable> stages = new ArrayList<>();
        List<Integer> stageChannels = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            int width = baseWidth << s;
            for (int b = 0; b < blocks[s]; b++) {
                int stride = b == 0 && s > 0 ? 2 : 1;
                x = bottleneck(init, "backbone/res" + (s + 2) + "/block" + b, x, in, width, stride, b == 0);
                in = 4 * width;
            }
            x.rename(STAGES.get(s));
            stages.add(x);
            stageChannels.add(in);
        }
        SDVariable topDown = null;
        SDVariable[] pyramid = new SDVariable[4];
        for (int level = 3; level >= 0; level--) {
            SDVariable lateral = fpnConv(init, "fpn/lateral" + (level + 2), stages.get(level),
                    stageChannels.get(level), pyramidChannels, 1);
            topDown = topDown == null ? lateral : lateral.add(sd.cnn().upsampling2d(topDown, 2, 2, true));
            pyramid[level] = fpnConv(init, "fpn/output" + (level + 2), topDown, pyramidChannels, pyramidChannels, 3);
        }
        for (int level = 0; level < 4; level++) {
            pyramid[level].rename(OUTPUTS.get(level));
        }
        // P6 as in Detectron: P5 subsampled, no convolution (FPN, Section 4.1)
        sd.cnn().maxPooling2d(OUTPUTS.get(4), pyramid[3], Pooling2DConfig.builder().kH(1).kW(1).sH(2).sW(2)
                .paddingMode(PaddingMode.VALID).isNHWC(false).build());
        this.graph = new ExternalGradientGraph(sd, List.of(INPUT), OUTPUTS, new int[] {4, 4, 4, 4, 4});
    }

    private SDVariable bottleneck(HeadInit init, String name, SDVariable x, int in, int width, int stride,
            boolean project) {
        SDVariable y = sd.nn().relu(affine(init, name + "/bn1", conv(init, name + "/conv1", x, in, width, 1, 1,
                false), width), 0);
        y = sd.nn().relu(affine(init, name + "/bn2", conv(init, name + "/conv2", y, width, width, 3, stride, false),
                width), 0);
        y = affine(init, name + "/bn3", conv(init, name + "/conv3", y, width, 4 * width, 1, 1, true), 4 * width);
        SDVariable shortcut = project
                ? affine(init, name + "/shortcut/bn", conv(init, name + "/shortcut/conv", x, in, 4 * width, 1,
                        stride, false), 4 * width)
                : x;
        return sd.nn().relu(y.add(shortcut), 0);
    }

    /** A bias-free convolution, padded by {@code kernel / 2} on every side as in torchvision; weights [kH, kW, in, out]. */
    private SDVariable conv(HeadInit init, String name, SDVariable x, int in, int out, int kernel, int stride,
            boolean zero) {
        Conv2DConfig config = Conv2DConfig.builder().kH(kernel).kW(kernel).sH(stride).sW(stride).pH(kernel / 2)
                .pW(kernel / 2).paddingMode(PaddingMode.VALID).build();
        INDArray weights = zero ? init.zeros(kernel, kernel, in, out)
                : init.he((long) kernel * kernel * in, kernel, kernel, in, out);
        return sd.cnn().conv2d(x, sd.var(name + "/w", weights), config);
    }

    /** FPN's convolutions: with bias, no normalisation, no activation. */
    private SDVariable fpnConv(HeadInit init, String name, SDVariable x, int in, int out, int kernel) {
        Conv2DConfig config = Conv2DConfig.builder().kH(kernel).kW(kernel).pH(kernel / 2).pW(kernel / 2)
                .paddingMode(PaddingMode.VALID).build();
        return sd.cnn().conv2d(x, sd.var(name + "/w", init.he((long) kernel * kernel * in, kernel, kernel, in, out)),
                sd.var(name + "/b", init.zeros(out)), config);
    }

    /** A frozen BN: {@code scale * x + shift} per channel, constants; the identity until a checkpoint sets them. */
    private SDVariable affine(HeadInit init, String name, SDVariable x, int channels) {
        SDVariable scale = sd.constant(name + "/scale", init.zeros(1, channels, 1, 1).addi(1));
        SDVariable shift = sd.constant(name + "/shift", init.zeros(1, channels, 1, 1));
        affineNames.add(name);
        return x.mul(scale).add(shift);
    }

    /** P2..P6 of {@code images [N, 3, H, W]} (H and W multiples of 32). */
    @Override
    public List<INDArray> forward(INDArray images) {
        Map<String, INDArray> out = graph.forward(Map.of(INPUT, images));
        return OUTPUTS.stream().map(out::get).toList();
    }

    @Override
    public HeadGradients backward(INDArray images, List<INDArray> pyramidGradients) {
        if (pyramidGradients.size() != OUTPUTS.size()) {
            throw new IllegalArgumentException(pyramidGradients.size() + " pyramid gradients for the "
                    + OUTPUTS.size() + " levels P2..P6");
        }
        Map<String, INDArray> upstream = new HashMap<>();
        for (int level = 0; level < OUTPUTS.size(); level++) {
            upstream.put(OUTPUTS.get(level), pyramidGradients.get(level));
        }
        return graph.stageGradients(Map.of(INPUT, images), upstream);
    }

    @Override
    public Map<String, INDArray> parameters() {
        return graph.parameters();
    }

    @Override
    public int[] strides() {
        return STRIDES.clone();
    }

    /** C2..C5 of {@code images}, the ResNet's stage outputs before FPN: for checking imported weights. */
    List<INDArray> stages(INDArray images) {
        Map<String, INDArray> out = sd.output(Map.of(INPUT, images), STAGES.toArray(String[]::new));
        return STAGES.stream().map(out::get).toList();
    }

    /**
     * The frozen affines, live, by BN name (e.g. {@code backbone/res2/block0/bn1}): {@code [scale, shift]}, each
     * {@code [1, C, 1, 1]}. A checkpoint's BN sets them as {@code scale = gamma / sqrt(var + eps)},
     * {@code shift = beta - mean * scale}.
     */
    public Map<String, INDArray[]> frozenAffines() {
        Map<String, INDArray[]> affines = new LinkedHashMap<>();
        for (String name : affineNames) {
            affines.put(name, new INDArray[] {sd.getArrForVarName(name + "/scale"),
                    sd.getArrForVarName(name + "/shift")});
        }
        return affines;
    }
}
