package dev.hourglass.trainer.worker;

import java.util.Map;

/**
 * What the trainer measures on the validation split at the end of each epoch; every rank calls it at once, and
 * rank 0 writes the metrics it returns.
 */
@FunctionalInterface
public interface EpochValidation {

    /** @param summary a line a person reads, e.g. "validation top-1 error 0.312 over 400 images" */
    record Result(Map<String, Double> metrics, String summary) {
    }

    Result validate(long iteration);
}
