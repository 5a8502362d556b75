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
    void aFolderWithoutTheSplitIsRefusedWithTheLayoutExpected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ImageFolder.open(dir, "train"))
                .hasMessageContaining("train/<class>/<image>.jpg");
    }
}
