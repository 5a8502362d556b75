package dev.hourglass.trainer.data;

import java.nio.file.Path;

/** One training or validation image of an ImageNet-layout folder and its class index. */
public record LabelledImage(Path file, int label) {
}
