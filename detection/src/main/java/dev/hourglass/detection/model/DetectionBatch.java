package dev.hourglass.detection.model;

import dev.hourglass.detection.BinaryMask;
import dev.hourglass.detection.Matrices;
import dev.hourglass.detection.coco.CocoAnnotation;
import dev.hourglass.detection.coco.CocoFolder;
import dev.hourglass.detection.coco.CocoImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Images {@code [N, 3, H, W]} (RGB scaled to [-0.5, 0.5]) with each image's objects; all images of one size. */
public record DetectionBatch(INDArray images, List<ImageTargets> targets) {

    public DetectionBatch {
        targets = List.copyOf(targets);
    }

    /** The given images of a COCO split; crowd annotations are left out. */
    public static DetectionBatch read(CocoFolder folder, List<CocoImage> images, DataType dataType)
            throws IOException {
        int height = images.get(0).height();
        int width = images.get(0).width();
        float[] pixels = new float[images.size() * 3 * height * width];
        List<ImageTargets> targets = new ArrayList<>();
        var byImage = folder.dataset().annotationsByImage();
        for (int i = 0; i < images.size(); i++) {
            CocoImage image = images.get(i);
            if (image.height() != height || image.width() != width) {
                throw new IllegalArgumentException("image " + image.id() + " is " + image.width() + "x"
                        + image.height() + ", the batch's first " + width + "x" + height + "; a batch needs one size");
            }
            BufferedImage rgb = folder.readImage(image);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int value = rgb.getRGB(x, y);
                    for (int c = 0; c < 3; c++) {
                        int channel = value >> (16 - 8 * c) & 0xff;
                        pixels[((i * 3 + c) * height + y) * width + x] = channel / 255f - 0.5f;
                    }
                }
            }
            List<double[]> boxes = new ArrayList<>();
            List<Integer> classes = new ArrayList<>();
            List<BinaryMask> masks = new ArrayList<>();
            for (CocoAnnotation annotation : byImage.get(image)) {
                if (annotation.crowd()) {
                    continue;
                }
                boxes.add(new double[] {annotation.box().x1(), annotation.box().y1(), annotation.box().x2(),
                        annotation.box().y2()});
                classes.add(folder.dataset().contiguousLabel(annotation.categoryId()));
                masks.add(annotation.mask(image));
            }
            targets.add(new ImageTargets(boxes.isEmpty() ? Nd4j.zeros(DataType.DOUBLE, 0, 4)
                    : Matrices.of(boxes.toArray(double[][]::new), 4), classes.stream().mapToInt(Integer::intValue).toArray(),
                    masks));
        }
        INDArray array = Nd4j.create(pixels, new long[] {images.size(), 3, height, width}, 'c').castTo(dataType);
        return new DetectionBatch(array, targets);
    }
}
