package dev.hourglass.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedImageSetTest {

    @TempDir
    Path dir;

    @Test
    void writesAnImageNetLayoutThatTheFolderReaderReadsBack() throws Exception {
        GeneratedImageSet.write(dir, 6, 2, 32, 5);

        ImageFolder train = ImageFolder.open(dir, "train");
        ImageFolder validation = ImageFolder.open(dir, "val");

        assertThat(train.classes()).containsExactlyElementsOf(GeneratedImageSet.CLASSES.stream().sorted().toList());
        assertThat(train.size()).isEqualTo(8 * 6);
        assertThat(validation.size()).isEqualTo(8 * 2);
        assertThat(train.images()).filteredOn(image -> image.label() == 3).hasSize(6);
        BufferedImage first = ImageIO.read(train.images().get(0).file().toFile());
        assertThat(first.getWidth()).isEqualTo(32);
        assertThat(first.getHeight()).isEqualTo(32);
    }

    @Test
    void theSameSeedWritesTheSameBytesAndAnotherSeedOtherImages() throws Exception {
        GeneratedImageSet.write(dir.resolve("a"), 2, 1, 32, 9);
        GeneratedImageSet.write(dir.resolve("b"), 2, 1, 32, 9);
        GeneratedImageSet.write(dir.resolve("c"), 2, 1, 32, 10);
        Path file = Path.of("train", "square-vertical", "00001.png");

        assertThat(Files.readAllBytes(dir.resolve("a").resolve(file))).isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(file)));
        assertThat(Arrays.equals(Files.readAllBytes(dir.resolve("a").resolve(file)),
                Files.readAllBytes(dir.resolve("c").resolve(file)))).isFalse();
    }

    @Test
    void theSixteenClassSetHasEveryShapeWithStripesInFourDirections() throws Exception {
        GeneratedImageSet.write(GeneratedImageSet.Style.SIXTEEN_CLASSES, dir, 3, 1, 32, 5);

        ImageFolder train = ImageFolder.open(dir, "train");

        assertThat(train.classes()).hasSize(16).contains("disc-0deg", "disc-45deg", "disc-90deg", "disc-135deg",
                "cross-135deg", "triangle-45deg");
        assertThat(train.size()).isEqualTo(16 * 3);
        assertThat(ImageFolder.open(dir, "val").size()).isEqualTo(16);
    }

    @Test
    void stripesFortyFiveDegreesApartDrawDifferentImagesOfTheSameShape() {
        // the same random stream for classes disc-0deg (0) and disc-45deg (1): only the stripes' direction differs
        BufferedImage level = GeneratedImageSet.draw(GeneratedImageSet.Style.SIXTEEN_CLASSES, 0, 32,
                new java.util.SplittableRandom(4));
        BufferedImage tilted = GeneratedImageSet.draw(GeneratedImageSet.Style.SIXTEEN_CLASSES, 1, 32,
                new java.util.SplittableRandom(4));
        int differing = 0;
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                differing += level.getRGB(x, y) != tilted.getRGB(x, y) ? 1 : 0;
            }
        }
        assertThat(differing).as("pixels that differ").isGreaterThan(32);
    }

    @Test
    void aFolderWithoutTheSplitIsRefusedWithTheLayoutExpected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ImageFolder.open(dir, "train"))
                .hasMessageContaining("train/<class>/<image>.jpg");
    }
}
