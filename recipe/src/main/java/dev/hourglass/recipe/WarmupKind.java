package dev.hourglass.recipe;

/** Section 2.2 of the paper: gradual warmup is the recipe; constant and none stay selectable for ablations. */
public enum WarmupKind {
    /** Start at the peak rate. */
    NONE,
    /** Hold the start rate for the warmup length, then jump to the peak rate. */
    CONSTANT,
    /** Raise the rate linearly, every iteration, from the start rate to the peak rate. */
    GRADUAL
}
