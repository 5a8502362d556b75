package dev.hourglass.trainer.worker;

import java.util.Locale;

/**
 * Ends a run whose training has diverged instead of training on garbage: a job-wide mean loss that is NaN or infinite
 * stops it at once; one that stays more than {@value #RISE_FACTOR} times its running level, and above where it
 * started, for {@value #RISE_ITERATIONS} iterations in a row stops it then. The mean loss is the same on every rank
 * (it comes out of an allreduce), so every rank stops at the same iteration and none waits on the others.
 */
final class DivergenceGuard {

    static final double RISE_FACTOR = 10;
    static final int RISE_ITERATIONS = 3;
    /** The running level is an exponential mean over about the last ten iterations. */
    private static final double LEVEL_WEIGHT = 0.1;

    private double first = Double.NaN;
    private double level = Double.NaN;
    private int risenFor;

    /** The training diverged: the message says where, at which rate, and what usually helps. */
    static final class TrainingDiverged extends IllegalStateException {
        TrainingDiverged(String message) {
            super(message + "; the run diverged: a smaller learning rate or a longer warmup usually helps");
        }
    }

    /**
     * @param iteration    the iteration as people count it, from 1
     * @param loss         the job-wide mean training loss of that iteration
     * @param learningRate the rate the iteration trained with
     */
    void check(long iteration, double loss, double learningRate) {
        if (!Double.isFinite(loss)) {
            throw new TrainingDiverged(String.format(Locale.ROOT, "the training loss became %s at iteration %d"
                    + " (learning rate %.4g)", loss, iteration, learningRate));
        }
        if (Double.isNaN(level)) {
            first = loss;
            level = loss;
            return;
        }
        boolean farAbove = loss > RISE_FACTOR * level && loss > first;
        risenFor = farAbove ? risenFor + 1 : 0;
        if (risenFor >= RISE_ITERATIONS) {
            throw new TrainingDiverged(String.format(Locale.ROOT, "the training loss rose to %.4g at iteration %d"
                    + " (learning rate %.4g), above %.0f times its running level of %.4g for %d iterations in a row",
                    loss, iteration, learningRate, RISE_FACTOR, level, RISE_ITERATIONS));
        }
        if (!farAbove) {
            level += LEVEL_WEIGHT * (loss - level); // a diverging loss must not raise the level it is judged by
        }
    }
}
