package dev.hourglass.collective;

import java.nio.FloatBuffer;

/** One allreduce algorithm over a group of ranks; each algorithm is a class of its own. */
public interface Allreduce {

    /** A short name for benchmarks and job overrides, e.g. {@code halving-doubling}. */
    String name();

    /**
     * Replaces {@code buffer[0, count)} on every rank with the elementwise sum of that range over all ranks.
     * Every rank calls it with the same count; any count from 0 up and any rank count from 1 up is valid.
     */
    void sum(FloatBuffer buffer, int count);
}
