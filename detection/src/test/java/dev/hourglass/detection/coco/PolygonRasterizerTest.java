package dev.hourglass.detection.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hourglass.detection.BinaryMask;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolygonRasterizerTest {

    @Test
    void anAxisAlignedRectangleOnPixelEdgesFillsExactlyItsPixels() {
        BinaryMask mask = PolygonRasterizer.rasterize(List.of(new double[] {1, 1, 4, 1, 4, 3, 1, 3}), 5, 4);

        assertThat(mask).isEqualTo(BinaryMask.fromRows(
                ".....",
                ".###.",
                ".###.",
                "....."));
    }

    @Test
    void aPixelIsInsideWhenItsCentreIs() {
        // a right triangle with the hypotenuse from (0, 0) to (4, 4): centres strictly below the diagonal
        BinaryMask mask = PolygonRasterizer.rasterize(List.of(new double[] {0, 0, 4, 4, 0, 4}), 4, 4);

        assertThat(mask).isEqualTo(BinaryMask.fromRows(
                "....",
                "#...",
                "##..",
                "###."));
    }

    @Test
    void theSeveralPolygonsOfOneObjectAreUnited() {
        BinaryMask mask = PolygonRasterizer.rasterize(
                List.of(new double[] {0, 0, 2, 0, 2, 2, 0, 2}, new double[] {1, 1, 4, 1, 4, 2, 1, 2}), 4, 3);

        assertThat(mask).isEqualTo(BinaryMask.fromRows(
                "##..",
                "####",
                "...."));
    }

    @Test
    void aLargeDiscHasTheAreaOfItsPolygon() {
        int points = 64;
        double radius = 20;
        double[] polygon = new double[2 * points];
        for (int i = 0; i < points; i++) {
            polygon[2 * i] = 32 + radius * Math.cos(2 * Math.PI * i / points);
            polygon[2 * i + 1] = 32 + radius * Math.sin(2 * Math.PI * i / points);
        }
        double polygonArea = 0.5 * points * radius * radius * Math.sin(2 * Math.PI / points);

        BinaryMask mask = PolygonRasterizer.rasterize(List.of(polygon), 64, 64);

        assertThat((double) mask.area()).isCloseTo(polygonArea, within(0.01 * polygonArea));
    }

    @Test
    void partsOutsideTheImageAreCut() {
        BinaryMask mask = PolygonRasterizer.rasterize(List.of(new double[] {-5, -5, 2, -5, 2, 1, -5, 1}), 3, 2);

        assertThat(mask).isEqualTo(BinaryMask.fromRows(
                "##.",
                "..."));
    }
}
