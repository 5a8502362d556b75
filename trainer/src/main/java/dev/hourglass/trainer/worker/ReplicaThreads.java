package dev.hourglass.trainer.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * One thread per device replica, each replica always on its own thread: ND4J keeps workspaces and OpenMP
 * settings per thread, and a CPU "device" is exactly such a thread.
 */
public final class ReplicaThreads implements AutoCloseable {

    /** Work for one replica, by its index on this rank. */
    @FunctionalInterface
    public interface ReplicaWork<T> {
        T run(int replica) throws Exception;
    }

    private final List<ExecutorService> threads = new ArrayList<>();

    ReplicaThreads(int replicas, IntFunction<String> name) {
        for (int r = 0; r < replicas; r++) {
            String threadName = name.apply(r);
            threads.add(Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, threadName);
                thread.setDaemon(true);
                return thread;
            }));
        }
    }

    public int size() {
        return threads.size();
    }

    /** Runs {@code work} for every replica at once, each on its own thread, and returns the results in order. */
    public <T> List<T> onEach(ReplicaWork<T> work) {
        List<Future<T>> futures = new ArrayList<>(threads.size());
        for (int r = 0; r < threads.size(); r++) {
            int replica = r;
            futures.add(threads.get(r).submit(() -> work.run(replica)));
        }
        List<T> results = new ArrayList<>(futures.size());
        for (int r = 0; r < futures.size(); r++) {
            try {
                results.add(futures.get(r).get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while replica " + r + " was working", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException("replica " + r + " failed: " + cause, cause);
            }
        }
        return results;
    }

    @Override
    public void close() {
        threads.forEach(ExecutorService::shutdownNow);
    }
}
