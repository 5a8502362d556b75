package dev.hourglass.trainer.detection.eval;

import dev.hourglass.trainer.detection.BinaryMask;
import dev.hourglass.trainer.detection.Box;

/** A model's prediction: a box, its class, its confidence and, for mask AP, its binarised mask (else null). */
public record ScoredDetection(long imageId, long categoryId, double score, Box box, BinaryMask mask) {
}
