package dev.hourglass.trainer.model;

import dev.hourglass.trainer.data.ImageTransform;
import java.util.List;

/**
 * The shape of one residual network: its stem, its kind of block, and the blocks and widths of each stage.
 *
 * @param name          the catalog name, e.g. {@code resnet50}
 * @param block         basic (two 3x3 convolutions) or bottleneck (1x1, 3x3, 1x1 with 4x expansion)
 * @param imagenetStem  a 7x7/2 convolution and a 3x3/2 max pool (ImageNet); else one 3x3 convolution (CIFAR)
 * @param stemWidth     channels out of the stem
 * @param blocksPerStage residual blocks in each stage; every stage after the first halves the resolution
 * @param stageWidths   each stage's width (a bottleneck stage outputs 4x as many channels)
 * @param inputSize     the side of the square crops it trains on (32 CIFAR-style, 224 ImageNet)
 * @param batchNorm     false only for the BN-free networks of the equivalence tests
 */
public record ResNetArchitecture(String name,
                                 Block block,
                                 boolean imagenetStem,
                                 int stemWidth,
                                 List<Integer> blocksPerStage,
                                 List<Integer> stageWidths,
                                 int inputSize,
                                 boolean batchNorm) {

    public enum Block { BASIC, BOTTLENECK }

    public ResNetArchitecture {
        blocksPerStage = List.copyOf(blocksPerStage);
        stageWidths = List.copyOf(stageWidths);
        if (blocksPerStage.size() != stageWidths.size() || blocksPerStage.isEmpty()) {
            throw new IllegalArgumentException(name + ": " + blocksPerStage.size() + " stages of blocks but "
                    + stageWidths.size() + " widths; give one width per stage");
        }
    }

    /** A CIFAR-style ResNet-(6n+2) (He et al. 2016, section 4.2): three stages of n basic blocks, 16/32/64 wide. */
    public static ResNetArchitecture cifar(String name, int blocksPerStage) {
        return new ResNetArchitecture(name, Block.BASIC, false, 16,
                List.of(blocksPerStage, blocksPerStage, blocksPerStage), List.of(16, 32, 64), 32, true);
    }

    /** An ImageNet ResNet of bottleneck blocks, 64/128/256/512 wide (x4 out). */
    public static ResNetArchitecture imagenet(String name, List<Integer> blocksPerStage) {
        return new ResNetArchitecture(name, Block.BOTTLENECK, true, 64, blocksPerStage, List.of(64, 128, 256, 512), 224, true);
    }

    public ResNetArchitecture withoutBatchNorm() {
        return new ResNetArchitecture(name + "-no-bn", block, imagenetStem, stemWidth, blocksPerStage, stageWidths, inputSize,
                false);
    }

    /** The input this network is trained on: ImageNet's augmentation for ImageNet networks, CIFAR's for the small. */
    public ImageTransform transform(int imageSize) {
        return imagenetStem ? ImageTransform.imagenet(imageSize) : ImageTransform.cifar(imageSize);
    }

    /** Channels a stage's blocks output. */
    int outputWidth(int stage) {
        return block == Block.BOTTLENECK ? 4 * stageWidths.get(stage) : stageWidths.get(stage);
    }

    /** The channels of the last stage: the classifier's input features. */
    public int featureWidth() {
        return outputWidth(stageWidths.size() - 1);
    }
}
