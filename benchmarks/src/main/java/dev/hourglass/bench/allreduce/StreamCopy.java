package dev.hourglass.bench.allreduce;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;

/**
 * The machine's memory bandwidth, the bound an allreduce in shared memory is measured against: STREAM's copy kernel
 * ({@code a[i] = b[i]}, here a bulk array copy) over arrays far larger than the caches, on several threads at once,
 * counting bytes read plus bytes written as STREAM does; the best of several passes.
 */
final class StreamCopy {

    private static final int PASSES = 6;

    private StreamCopy() {
    }

    /** GB/s (1e9 bytes) read plus written by {@code threads} threads, each copying {@code bytesPerThread}. */
    static double gigabytesPerSecond(int threads, int bytesPerThread) {
        int longs = bytesPerThread / Long.BYTES;
        List<long[]> sources = new ArrayList<>();
        List<long[]> targets = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long[] source = new long[longs];
            Arrays.fill(source, t + 1); // touched before timing: a first touch costs ~11 us per page here
            sources.add(source);
            targets.add(new long[longs]);
            Arrays.fill(targets.get(t), 0);
        }
        double bestSeconds = Double.MAX_VALUE;
        for (int pass = 0; pass < PASSES; pass++) {
            bestSeconds = Math.min(bestSeconds, copyOnce(sources, targets));
        }
        return 2.0 * threads * longs * Long.BYTES / bestSeconds / 1e9;
    }

    /** Seconds from a common start until the last thread's copy is done. */
    private static double copyOnce(List<long[]> sources, List<long[]> targets) {
        int threads = sources.size();
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        CyclicBarrier end = new CyclicBarrier(threads + 1);
        List<Thread> copiers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long[] source = sources.get(t);
            long[] target = targets.get(t);
            Thread copier = new Thread(() -> {
                await(start);
                System.arraycopy(source, 0, target, 0, source.length);
                await(end);
            }, "stream-copy-" + t);
            copier.start();
            copiers.add(copier);
        }
        await(start);
        long began = System.nanoTime();
        await(end);
        long nanos = System.nanoTime() - began;
        for (Thread copier : copiers) {
            try {
                copier.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while measuring memory bandwidth", e);
            }
        }
        return nanos / 1e9;
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException("memory-bandwidth threads did not meet: " + e, e);
        }
    }
}
