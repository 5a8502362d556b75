package dev.hourglass.collective.benchmark;

import dev.hourglass.collective.AllreduceAlgorithm;
import java.util.Arrays;

/**
 * {@link AllreduceBenchmarkMain}'s command line: sizes in bytes, timed calls per size, algorithms, replicas per rank
 * for the hierarchical allreduce, and the most time one algorithm's warm-up may take at one size.
 */
record BenchmarkOptions(long[] sizes, int[] repetitions, String[] algorithms, int replicas, double warmUpSeconds) {

    static final String USAGE = "--sizes BYTES,... --repetitions N,... (one per size) --algorithms "
            + String.join(",", AllreduceAlgorithm.ids()) + "," + AllreduceBenchmarkMain.HIERARCHICAL
            + " [--replicas N] [--warm-up-seconds S]";

    static BenchmarkOptions parse(String[] args) {
        long[] sizes = null;
        int[] repetitions = null;
        String[] algorithms = null;
        int replicas = 2;
        double warmUpSeconds = 0.5;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--sizes" -> sizes = Arrays.stream(args[i + 1].split(",")).mapToLong(Long::parseLong).toArray();
                case "--repetitions" -> repetitions = Arrays.stream(args[i + 1].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--algorithms" -> algorithms = args[i + 1].split(",");
                case "--replicas" -> replicas = Integer.parseInt(args[i + 1]);
                case "--warm-up-seconds" -> warmUpSeconds = Double.parseDouble(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; usage: " + USAGE);
            }
        }
        if (sizes == null || repetitions == null || algorithms == null || sizes.length != repetitions.length
                || args.length % 2 != 0) {
            throw new IllegalArgumentException("usage: " + USAGE + "; got " + String.join(" ", args));
        }
        for (long size : sizes) {
            if (size <= 0 || size % Float.BYTES != 0 || size / Float.BYTES > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("size " + size + " is not a positive number of floats (a multiple of 4 bytes)");
            }
        }
        for (String algorithm : algorithms) {
            if (!algorithm.equals(AllreduceBenchmarkMain.HIERARCHICAL)) {
                AllreduceAlgorithm.named(algorithm);
            }
        }
        return new BenchmarkOptions(sizes, repetitions, algorithms, replicas, warmUpSeconds);
    }
}
