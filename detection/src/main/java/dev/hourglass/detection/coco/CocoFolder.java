package dev.hourglass.detection.coco;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * One split of a COCO-layout folder: {@code <root>/annotations/instances_<split>.json} with the images beside it in
 * {@code <root>/<split>/} (as COCO ships {@code train2017}, {@code val2017}).
 */
public record CocoFolder(Path root, String split, CocoDataset dataset) {

    public static Path annotationFile(Path root, String split) {
        return root.resolve("annotations").resolve("instances_" + split + ".json");
    }

    public static CocoFolder open(Path root, String split) throws IOException {
        Path annotations = annotationFile(root, split);
        if (!Files.isRegularFile(annotations)) {
            throw new IOException("no " + root.relativize(annotations) + " under " + root + ": a COCO-format dataset "
                    + "has annotations/instances_" + split + ".json and its images in " + split + "/");
        }
        CocoFolder folder = new CocoFolder(root, split, CocoInstancesFile.read(annotations));
        List<String> missing = new ArrayList<>();
        for (CocoImage image : folder.dataset.images()) {
            if (!Files.isRegularFile(folder.imageFile(image))) {
                missing.add(image.fileName());
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException(missing.size() + " of the " + folder.dataset.images().size() + " images of "
                    + annotations + " are missing from " + root.resolve(split) + ", e.g. " + missing.get(0));
        }
        return folder;
    }

    public Path imageFile(CocoImage image) {
        return root.resolve(split).resolve(image.fileName());
    }

    public BufferedImage readImage(CocoImage image) throws IOException {
        BufferedImage pixels = ImageIO.read(imageFile(image).toFile());
        if (pixels == null) {
            throw new IOException(imageFile(image) + " is not an image ImageIO can read (JPEG, PNG)");
        }
        if (pixels.getWidth() != image.width() || pixels.getHeight() != image.height()) {
            throw new IOException(imageFile(image) + " is " + pixels.getWidth() + "x" + pixels.getHeight()
                    + ", its annotation says " + image.width() + "x" + image.height());
        }
        return pixels;
    }
}
