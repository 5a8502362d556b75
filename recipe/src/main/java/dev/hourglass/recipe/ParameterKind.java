package dev.hourglass.recipe;

/** What a parameter tensor is, as far as weight decay cares. */
public enum ParameterKind {
    WEIGHT,
    BIAS,
    BN_GAMMA,
    BN_BETA
}
