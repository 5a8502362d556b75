package dev.hourglass.bench.allreduce;

/**
 * One algorithm at one size and rank count, in ranks started as Open MPI is installed or with the malloc fix: the
 * median seconds of a call (the slowest rank's), and which algorithm the trainer's {@code AllreduceChoice} runs there.
 */
record Measurement(String algorithm, String environment, int ranks, long bytes, double seconds, int samples, String choice) {

    static final String INSTALLED = "installed";
    static final String MALLOC_FIX = "malloc-fix";

    /** Each rank sends and receives 2(p-1)/p of the buffer in any allreduce: the rate of that traffic, GB/s. */
    double busBandwidth() {
        return ranks == 1 ? 0 : 2.0 * (ranks - 1) / ranks * bytes / seconds / 1e9;
    }
}
