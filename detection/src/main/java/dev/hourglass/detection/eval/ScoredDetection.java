package dev.hourglass.detection.eval;

import dev.hourglass.detection.BinaryMask;
import dev.hourglass.detection.Box;

/** A model's prediction: a box, its class, its confidence and, for mask AP, its binarised mask (else null). */
public record ScoredDetection(long imageId, long categoryId, double score, Box box, BinaryMask mask) {
}
