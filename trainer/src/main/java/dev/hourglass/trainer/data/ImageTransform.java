package dev.hourglass.trainer.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Turns a decoded image into the network's input: channel-major floats (C, H, W), normalised per channel with
 * ImageNet's mean and standard deviation. Training augments, then flips at random; validation resizes and takes
 * the centre. The randomness is seeded per (job seed, epoch, image), so a run resumed from a checkpoint sees the
 * same crops.
 */
public record ImageTransform(int size, float[] mean, float[] std, Augmentation augmentation) {

    public enum Augmentation {
        /** The paper's (ImageNet): a random crop of 8% to 100% of the area, aspect ratio 3/4 to 4/3, resized. */
        SCALE_AND_ASPECT,
        /**
         * CIFAR-style networks' (He et al. 2016, 4.2): the image at the output size, padded by 1/8 of it on every
         * side, and a random crop of the output size; a 32-pixel image keeps its shapes whole, where 8% of its
         * area would be a few pixels.
         */
        PAD_AND_CROP
    }

    /** For ImageNet-size networks: the paper's scale and aspect-ratio augmentation. */
    public static ImageTransform imagenet(int size) {
        return new ImageTransform(size, IMAGENET_MEAN, IMAGENET_STD, Augmentation.SCALE_AND_ASPECT);
    }

    /** For CIFAR-style networks on small images: padding and random crops. */
    public static ImageTransform cifar(int size) {
        return new ImageTransform(size, IMAGENET_MEAN, IMAGENET_STD, Augmentation.PAD_AND_CROP);
    }

    private static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    public static final int CHANNELS = 3;
    static final double MIN_AREA = 0.08;
    static final double MIN_ASPECT = 3.0 / 4.0;
    static final double MAX_ASPECT = 4.0 / 3.0;
    static final int CROP_ATTEMPTS = 10;

    public float[] train(BufferedImage image, long seed, int epoch, int index) {
        SplittableRandom random = new SplittableRandom(seed ^ (epoch * 0x9E3779B97F4A7C15L) ^ (index * 0xC2B2AE3D27D4EB4FL));
        return augmentation == Augmentation.PAD_AND_CROP ? padAndCrop(image, random) : scaleAndAspect(image, random);
    }

    private float[] padAndCrop(BufferedImage image, SplittableRandom random) {
        int pad = size / 8;
        BufferedImage padded = new BufferedImage(size + 2 * pad, size + 2 * pad, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = padded.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, pad, pad, size, size, null);
        g.dispose();
        int x = random.nextInt(2 * pad + 1);
        int y = random.nextInt(2 * pad + 1);
        boolean flip = random.nextBoolean();
        return toTensor(resize(padded, x, y, size, size), flip);
    }

    private float[] scaleAndAspect(BufferedImage image, SplittableRandom random) {
        int width = image.getWidth();
        int height = image.getHeight();
        int cropWidth = width;
        int cropHeight = height;
        int x = 0;
        int y = 0;
        for (int attempt = 0; attempt < CROP_ATTEMPTS; attempt++) {
            double area = width * height * (MIN_AREA + random.nextDouble() * (1 - MIN_AREA));
            double aspect = Math.exp(Math.log(MIN_ASPECT) + random.nextDouble() * (Math.log(MAX_ASPECT) - Math.log(MIN_ASPECT)));
            int w = (int) Math.round(Math.sqrt(area * aspect));
            int h = (int) Math.round(Math.sqrt(area / aspect));
            if (w >= 1 && h >= 1 && w <= width && h <= height) {
                cropWidth = w;
                cropHeight = h;
                x = random.nextInt(width - w + 1);
                y = random.nextInt(height - h + 1);
                break;
            }
        }
        boolean flip = random.nextBoolean();
        return toTensor(resize(image, x, y, cropWidth, cropHeight), flip);
    }

    public float[] validation(BufferedImage image) {
        int side = Math.min(image.getWidth(), image.getHeight());
        int x = (image.getWidth() - side) / 2;
        int y = (image.getHeight() - side) / 2;
        return toTensor(resize(image, x, y, side, side), false);
    }

    private BufferedImage resize(BufferedImage image, int x, int y, int width, int height) {
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, size, size, x, y, x + width, y + height, null);
        g.dispose();
        return out;
    }

    private float[] toTensor(BufferedImage image, boolean flip) {
        float[] tensor = new float[CHANNELS * size * size];
        for (int row = 0; row < size; row++) {
            for (int col = 0; col < size; col++) {
                int rgb = image.getRGB(flip ? size - 1 - col : col, row);
                for (int c = 0; c < CHANNELS; c++) {
                    float value = ((rgb >> (16 - 8 * c)) & 0xFF) / 255f;
                    tensor[(c * size + row) * size + col] = (value - mean[c]) / std[c];
                }
            }
        }
        return tensor;
    }
}
