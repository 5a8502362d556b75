package dev.hourglass.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageTransformTest {

    @TempDir
    Path dir;

    private static BufferedImage leftHalfWhite(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size / 2; x++) {
                image.setRGB(x, y, 0xFFFFFF);
            }
        }
        return image;
    }

    @Test
    void validationResizesTheCentreAndNormalisesEachChannel() {
        ImageTransform transform = ImageTransform.imagenet(16);

        float[] tensor = transform.validation(leftHalfWhite(64));

        assertThat(tensor).hasSize(3 * 16 * 16);
        assertThat(tensor[0]).isCloseTo((1 - 0.485f) / 0.229f, org.assertj.core.api.Assertions.within(1e-4f));
        assertThat(tensor[15]).isCloseTo((0 - 0.485f) / 0.229f, org.assertj.core.api.Assertions.within(1e-4f));
        int blueOffset = 2 * 16 * 16;
        assertThat(tensor[blueOffset]).isCloseTo((1 - 0.406f) / 0.225f, org.assertj.core.api.Assertions.within(1e-4f));
    }

    @Test
    void trainingCropsAndFlipsDeterministicallyPerImageAndEpoch() {
        ImageTransform transform = ImageTransform.imagenet(16);
        BufferedImage image = GeneratedImageSet.draw(2, 32, new SplittableRandom(3));

        assertThat(transform.train(image, 1, 0, 5)).containsExactly(transform.train(image, 1, 0, 5));
        assertThat(transform.train(image, 1, 1, 5)).isNotEqualTo(transform.train(image, 1, 0, 5));
        boolean sawFlip = false;
        boolean sawPlain = false;
        for (int index = 0; index < 40; index++) {
            float[] tensor = transform.train(leftHalfWhite(64), 1, 0, index);
            float left = tensor[8 * 16];
            float right = tensor[8 * 16 + 15];
            sawFlip |= right > left;
            sawPlain |= left > right;
        }
        assertThat(sawFlip).as("some crops are flipped").isTrue();
        assertThat(sawPlain).as("some crops are not").isTrue();
    }

    @Test
    void theLoaderReturnsAReplicasMinibatchWithItsLabels() throws Exception {
        GeneratedImageSet.write(dir, 4, 1, 32, 2);
        ImageFolder folder = ImageFolder.open(dir, "train");
        ImageBatchLoader loader = new ImageBatchLoader(folder, ImageTransform.imagenet(32), 2);

        ImageBatchLoader.Batch batch = loader.train(0, new int[] {0, 5, 31});

        assertThat(batch.size()).isEqualTo(3);
        assertThat(batch.features()).hasSize(3 * 3 * 32 * 32);
        assertThat(batch.labels()).containsExactly(folder.images().get(0).label(), folder.images().get(5).label(),
                folder.images().get(31).label());
    }
}
