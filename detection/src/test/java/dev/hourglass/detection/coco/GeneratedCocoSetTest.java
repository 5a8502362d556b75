package dev.hourglass.detection.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.detection.BinaryMask;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedCocoSetTest {

    @TempDir
    Path dir;

    @Test
    void writesACocoFolderThatTheReaderOpens() throws Exception {
        GeneratedCocoSet.write(dir, 12, 3, 64, 5);

        CocoFolder train = CocoFolder.open(dir, "train");
        CocoFolder validation = CocoFolder.open(dir, "val");

        assertThat(train.dataset().images()).hasSize(12);
        assertThat(validation.dataset().images()).hasSize(3);
        assertThat(train.dataset().categories()).extracting(CocoCategory::name)
                .containsExactly("rectangle", "ellipse", "triangle");
        BufferedImage first = train.readImage(train.dataset().images().get(0));
        assertThat(first.getWidth()).isEqualTo(64);
        assertThat(first.getHeight()).isEqualTo(64);
    }

    @Test
    void everyImageHoldsTwoToFourVisibleDisjointInstancesWhoseBoxAndAreaMatchTheirMask() throws Exception {
        GeneratedCocoSet.write(dir, 30, 1, 64, 11);
        CocoFolder train = CocoFolder.open(dir, "train");

        for (Map.Entry<CocoImage, List<CocoAnnotation>> entry : train.dataset().annotationsByImage().entrySet()) {
            CocoImage image = entry.getKey();
            assertThat(entry.getValue()).hasSizeBetween(2, 4);
            BinaryMask covered = new BinaryMask(image.width(), image.height());
            for (CocoAnnotation annotation : entry.getValue()) {
                BinaryMask mask = annotation.mask(image);
                assertThat(mask.area()).isGreaterThanOrEqualTo(16);
                assertThat(annotation.area()).isEqualTo(mask.area());
                assertThat(annotation.box()).isEqualTo(mask.boundingBox().orElseThrow());
                assertThat(mask.intersectionArea(covered)).as("instances of image %d overlap", image.id()).isZero();
                covered = covered.or(mask);
            }
        }
    }

    @Test
    void shapesOverlapSoBothPolygonsAndRleMasksOccurAndAllClassesAppear() throws Exception {
        GeneratedCocoSet.write(dir, 40, 1, 64, 2);
        List<CocoAnnotation> annotations = CocoFolder.open(dir, "train").dataset().annotations();

        assertThat(annotations).anyMatch(a -> a.segmentation() instanceof Segmentation.Polygons);
        assertThat(annotations).anyMatch(a -> a.segmentation() instanceof Segmentation.Rle);
        assertThat(annotations).extracting(CocoAnnotation::categoryId).contains(1L, 2L, 3L);
    }

    @Test
    void aShapeIsPaintedWhereItsMaskIs() throws Exception {
        GeneratedCocoSet.write(dir, 5, 1, 64, 8);
        CocoFolder train = CocoFolder.open(dir, "train");
        CocoImage image = train.dataset().images().get(0);
        BufferedImage pixels = train.readImage(image);

        for (CocoAnnotation annotation : train.dataset().annotationsByImage().get(image)) {
            BinaryMask mask = annotation.mask(image);
            double inside = 0;
            int n = 0;
            double outside = 0;
            int m = 0;
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    int grey = brightness(pixels.getRGB(x, y));
                    if (mask.get(x, y)) {
                        inside += grey;
                        n++;
                    } else if (annotation.box().x1() - 1 <= x && x <= annotation.box().x2()
                            && annotation.box().y1() - 1 <= y && y <= annotation.box().y2()) {
                        outside += grey;
                        m++;
                    }
                }
            }
            // the shape's colour is uniform up to noise of +-12 per channel; around it are other colours
            double[] values = new double[n];
            int k = 0;
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    if (mask.get(x, y)) {
                        values[k++] = brightness(pixels.getRGB(x, y));
                    }
                }
            }
            double mean = inside / n;
            assertThat(Arrays.stream(values).map(v -> Math.abs(v - mean)).max().orElseThrow()).isLessThan(40);
            if (m > 0) {
                assertThat(Math.abs(outside / m - mean)).isGreaterThan(5);
            }
        }
    }

    @Test
    void theSameSeedWritesTheSameBytesAndAnotherSeedOthers() throws Exception {
        GeneratedCocoSet.write(dir.resolve("a"), 3, 1, 64, 4);
        GeneratedCocoSet.write(dir.resolve("b"), 3, 1, 64, 4);
        GeneratedCocoSet.write(dir.resolve("c"), 3, 1, 64, 5);
        Path annotations = Path.of("annotations", "instances_train.json");
        Path image = Path.of("train", "000002.png");

        assertThat(Files.readAllBytes(dir.resolve("a").resolve(annotations)))
                .isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(annotations)));
        assertThat(Files.readAllBytes(dir.resolve("a").resolve(image)))
                .isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(image)));
        assertThat(Arrays.equals(Files.readAllBytes(dir.resolve("a").resolve(image)),
                Files.readAllBytes(dir.resolve("c").resolve(image)))).isFalse();
    }

    @Test
    void aFolderWithoutAnnotationsOrWithMissingImagesIsRefusedWithTheLayoutExpected() throws Exception {
        assertThatThrownBy(() -> CocoFolder.open(dir, "train"))
                .hasMessageContaining("annotations/instances_train.json and its images in train/");

        GeneratedCocoSet.write(dir, 3, 1, 64, 4);
        Files.delete(dir.resolve("train").resolve("000003.png"));
        assertThatThrownBy(() -> CocoFolder.open(dir, "train"))
                .hasMessageContaining("1 of the 3 images").hasMessageContaining("000003.png");
    }

    private static int brightness(int rgb) {
        return ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3;
    }
}
