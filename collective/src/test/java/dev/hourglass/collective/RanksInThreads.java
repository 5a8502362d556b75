package dev.hourglass.collective;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs one task per rank, each on its own thread over an {@link InMemoryTransport} group, as mpirun runs ranks. */
final class RanksInThreads {

    @FunctionalInterface
    interface RankTask<T> {
        T run(Transport transport) throws Exception;
    }

    private RanksInThreads() {
    }

    /** Each rank's result, rank 0 first; the first rank's failure fails the whole run. */
    static <T> List<T> run(int ranks, RankTask<T> task) {
        List<Transport> group = InMemoryTransport.group(ranks);
        ExecutorService threads = Executors.newFixedThreadPool(ranks);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Transport transport : group) {
                futures.add(threads.submit(() -> task.run(transport)));
            }
            List<T> results = new ArrayList<>();
            for (int rank = 0; rank < ranks; rank++) {
                try {
                    results.add(futures.get(rank).get(60, TimeUnit.SECONDS));
                } catch (TimeoutException e) {
                    throw new AssertionError("rank " + rank + " of " + ranks + " did not finish in 60 s", e);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new AssertionError("rank " + rank + " of " + ranks + " failed: " + e.getCause(), e.getCause());
                }
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while the ranks ran", e);
        } finally {
            threads.shutdownNow();
        }
    }
}
