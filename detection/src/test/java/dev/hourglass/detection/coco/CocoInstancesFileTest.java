package dev.hourglass.detection.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.detection.BinaryMask;
import dev.hourglass.detection.Box;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoInstancesFileTest {

    @TempDir
    Path dir;

    /** Two 4x3 images: a polygon, a compressed RLE and a crowd region in plain RLE counts, as COCO writes them. */
    private static final String INSTANCES = """
            {
              "info": {"description": "hand-made"},
              "licenses": [],
              "images": [
                {"id": 7, "file_name": "a.jpg", "width": 4, "height": 3, "license": 1},
                {"id": 9, "file_name": "b.jpg", "width": 4, "height": 3}
              ],
              "annotations": [
                {"id": 1, "image_id": 7, "category_id": 18, "iscrowd": 0, "area": 4.0,
                 "bbox": [1, 0, 2, 2], "segmentation": [[1, 0, 3, 0, 3, 2, 1, 2]]},
                {"id": 2, "image_id": 9, "category_id": 3, "iscrowd": 0, "area": 3.0,
                 "bbox": [0, 0, 2, 2], "segmentation": {"size": [3, 4], "counts": "022O5"}},
                {"id": 3, "image_id": 9, "category_id": 18, "iscrowd": 1, "area": 3.0,
                 "bbox": [3, 0, 1, 3], "segmentation": {"size": [3, 4], "counts": [9, 3]}}
              ],
              "categories": [
                {"id": 3, "name": "car", "supercategory": "vehicle"},
                {"id": 18, "name": "dog", "supercategory": "animal"}
              ]
            }
            """;

    @Test
    void readsImagesCategoriesAndAllThreeKindsOfSegmentation() throws Exception {
        Path file = Files.writeString(dir.resolve("instances_val.json"), INSTANCES);

        CocoDataset dataset = CocoInstancesFile.read(file);

        assertThat(dataset.images()).containsExactly(new CocoImage(7, "a.jpg", 4, 3), new CocoImage(9, "b.jpg", 4, 3));
        assertThat(dataset.categories()).extracting(CocoCategory::name).containsExactly("car", "dog");
        Map<CocoImage, List<CocoAnnotation>> byImage = dataset.annotationsByImage();
        CocoImage a = dataset.images().get(0);
        CocoImage b = dataset.images().get(1);
        CocoAnnotation polygon = byImage.get(a).get(0);
        assertThat(polygon.box()).isEqualTo(new Box(1, 0, 3, 2));
        assertThat(polygon.segmentation()).isInstanceOf(Segmentation.Polygons.class);
        assertThat(polygon.mask(a)).isEqualTo(BinaryMask.fromRows(
                ".##.",
                ".##.",
                "...."));
        // "022O5": runs 0, 2, 2, then 1 (written as 1 - 2 = -1, 'O') and 7 (as 7 - 2 = 5)
        CocoAnnotation compressed = byImage.get(b).get(0);
        assertThat(((Segmentation.Rle) compressed.segmentation()).compressed()).isTrue();
        assertThat(compressed.mask(b)).isEqualTo(BinaryMask.fromRows(
                "#...",
                "##..",
                "...."));
        CocoAnnotation crowd = byImage.get(b).get(1);
        assertThat(crowd.crowd()).isTrue();
        assertThat(((Segmentation.Rle) crowd.segmentation()).compressed()).isFalse();
        assertThat(crowd.mask(b)).isEqualTo(BinaryMask.fromRows(
                "...#",
                "...#",
                "...#"));
    }

    @Test
    void categoriesGetContiguousLabelsAfterBackground() throws Exception {
        CocoDataset dataset = CocoInstancesFile.read(Files.writeString(dir.resolve("i.json"), INSTANCES));

        assertThat(dataset.contiguousLabel(3)).isEqualTo(1);
        assertThat(dataset.contiguousLabel(18)).isEqualTo(2);
        assertThatThrownBy(() -> dataset.contiguousLabel(5)).hasMessageContaining("[3, 18]");
    }

    @Test
    void whatItWritesItReadsBack() throws Exception {
        CocoDataset original = CocoInstancesFile.read(Files.writeString(dir.resolve("in.json"), INSTANCES));

        CocoInstancesFile.write(original, dir.resolve("out").resolve("instances_copy.json"));
        CocoDataset copy = CocoInstancesFile.read(dir.resolve("out").resolve("instances_copy.json"));

        assertThat(copy.images()).isEqualTo(original.images());
        assertThat(copy.categories()).isEqualTo(original.categories());
        assertThat(copy.annotations()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            CocoAnnotation before = original.annotations().get(i);
            CocoAnnotation after = copy.annotations().get(i);
            CocoImage image = original.images().stream().filter(im -> im.id() == before.imageId()).findFirst()
                    .orElseThrow();
            assertThat(after.box()).isEqualTo(before.box());
            assertThat(after.crowd()).isEqualTo(before.crowd());
            assertThat(after.segmentation().getClass()).isEqualTo(before.segmentation().getClass());
            assertThat(after.mask(image)).isEqualTo(before.mask(image));
        }
    }

    @Test
    void anAnnotationOfAnUnknownImageIsReportedWithItsId() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.json"), INSTANCES.replace("\"image_id\": 9, \"category_id\": 3",
                "\"image_id\": 10, \"category_id\": 3"));

        assertThatThrownBy(() -> CocoInstancesFile.read(file))
                .hasMessageContaining("annotation 2 names image 10, which is not among the images");
    }

    @Test
    void aFileWithoutAnnotationsSaysWhatIsMissing() throws Exception {
        Path file = Files.writeString(dir.resolve("empty.json"), "{\"images\": [], \"categories\": []}");

        assertThatThrownBy(() -> CocoInstancesFile.read(file)).hasMessageContaining("'annotations' array");
    }
}
