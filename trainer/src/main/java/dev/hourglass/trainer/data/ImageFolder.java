package dev.hourglass.trainer.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * An ImageNet-layout split: {@code <root>/<split>/<class>/*.{jpg,jpeg,png}}. Classes are the folder names in
 * sorted order, so that every rank numbers them alike; images within a class are sorted by name.
 */
public record ImageFolder(Path root, String split, List<String> classes, List<LabelledImage> images) {

    public static ImageFolder open(Path root, String split) throws IOException {
        Path dir = root.resolve(split);
        if (!Files.isDirectory(dir)) {
            throw new IOException("no '" + split + "' folder under " + root + ": an ImageNet-layout dataset has "
                    + split + "/<class>/<image>.jpg");
        }
        List<String> classes;
        try (Stream<Path> entries = Files.list(dir)) {
            classes = entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
        if (classes.isEmpty()) {
            throw new IOException(dir + " has no class folders");
        }
        List<LabelledImage> images = new ArrayList<>();
        for (int label = 0; label < classes.size(); label++) {
            try (Stream<Path> files = Files.list(dir.resolve(classes.get(label)))) {
                int classLabel = label;
                files.filter(ImageFolder::isImage).sorted()
                        .forEach(file -> images.add(new LabelledImage(file, classLabel)));
            }
        }
        if (images.isEmpty()) {
            throw new IOException(dir + " has class folders but no .jpg, .jpeg or .png images");
        }
        return new ImageFolder(root, split, List.copyOf(classes), List.copyOf(images));
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png");
    }

    public int size() {
        return images.size();
    }
}
