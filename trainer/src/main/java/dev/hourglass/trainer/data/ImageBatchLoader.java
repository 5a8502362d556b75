package dev.hourglass.trainer.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Reads one replica's minibatch: the images at the shard's indices, decoded with the JDK's ImageIO and
 * transformed, as one (n, C, H, W) float array with their labels.
 */
public final class ImageBatchLoader {

    private final ImageFolder folder;
    private final ImageTransform transform;
    private final long seed;

    public ImageBatchLoader(ImageFolder folder, ImageTransform transform, long seed) {
        this.folder = folder;
        this.transform = transform;
        this.seed = seed;
    }

    /** A minibatch: {@code features} is (n, C, H, W) flattened, {@code labels} the class of each image. */
    public record Batch(float[] features, int[] labels, int size, int imageSize) {
    }

    public Batch train(int epoch, int[] indices) throws IOException {
        return load(indices, epoch, true);
    }

    public Batch validation(int[] indices) throws IOException {
        return load(indices, 0, false);
    }

    private Batch load(int[] indices, int epoch, boolean augment) throws IOException {
        int per = ImageTransform.CHANNELS * transform.size() * transform.size();
        float[] features = new float[indices.length * per];
        int[] labels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            LabelledImage image = folder.images().get(indices[i]);
            BufferedImage decoded = ImageIO.read(image.file().toFile());
            if (decoded == null) {
                throw new IOException(image.file() + " is not an image ImageIO can decode");
            }
            float[] tensor = augment ? transform.train(decoded, seed, epoch, indices[i]) : transform.validation(decoded);
            System.arraycopy(tensor, 0, features, i * per, per);
            labels[i] = image.label();
        }
        return new Batch(features, labels, indices.length, transform.size());
    }
}
