package dev.hourglass.trainer.model;

import dev.hourglass.recipe.ParameterKind;

/** What a segment of a network's flat parameter vector is to the optimiser. */
public enum ParameterRole {
    WEIGHT(ParameterKind.WEIGHT),
    BIAS(ParameterKind.BIAS),
    BN_GAMMA(ParameterKind.BN_GAMMA),
    BN_BETA(ParameterKind.BN_BETA),
    /**
     * BN's running mean and deviation: DL4J keeps them in the parameter vector and puts their moving-average
     * step where their gradient would be. Each replica applies its own (statistics stay per replica), and they
     * stay out of the allreduce and of SGD.
     */
    BN_RUNNING_STATISTIC(null);

    private final ParameterKind kind;

    ParameterRole(ParameterKind kind) {
        this.kind = kind;
    }

    /** The recipe's kind for weight decay; null for running statistics, which are not trained. */
    public ParameterKind kind() {
        return kind;
    }

    public boolean trained() {
        return kind != null;
    }
}
