package dev.hourglass.recipe;

/** How the peak rate follows the minibatch; LINEAR is the paper's rule, the others its ablations (Table 2c). */
public enum LearningRateScaling {
    LINEAR,
    SQRT,
    NONE;

    double factor(double minibatchRatio) {
        return switch (this) {
            case LINEAR -> minibatchRatio;
            case SQRT -> Math.sqrt(minibatchRatio);
            case NONE -> 1.0;
        };
    }
}
