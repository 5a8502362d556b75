package dev.hourglass.recipe;

/**
 * Where the paper's ResNet accuracy held, as kn/N (Figure 1): on another dataset what matters is the minibatch's
 * share of an epoch (the iterations per epoch), not kn alone.
 */
public final class PaperRegime {

    /** kn/N at 8k on ImageNet, 1/156: the largest minibatch at which the paper's accuracy held. */
    public static final double LARGEST_KN_PER_IMAGE_THAT_HOLDS = 8192.0 / ModelCatalog.IMAGENET_TRAIN_IMAGES;
    /** kn/N at 16k on ImageNet, 1/78: the smallest at which it was lost. */
    public static final double SMALLEST_KN_PER_IMAGE_THAT_LOST = 16384.0 / ModelCatalog.IMAGENET_TRAIN_IMAGES;

    private PaperRegime() {
    }

    /** kn/N as 1 over N/kn rounded: "1/156" for 8k on ImageNet. */
    public static String fraction(double knPerImage) {
        return "1/" + Math.round(1 / knPerImage);
    }
}
