package dev.hourglass.collective;

/**
 * Splits a range of floats across a fixed set of threads (the caller's and {@code threads - 1} daemon workers started
 * once) and waits for all of them: memory-bound loops over large buffers run at the bandwidth of several cores. Ranges
 * shorter than {@code minimumToSplit} run on the caller alone, where waking the workers would cost more than it saves.
 */
final class ParallelRanges implements AutoCloseable {

    /** Part {@code part} of the split: {@code [from, to)}. */
    @FunctionalInterface
    interface RangeTask {
        void run(int part, int from, int to);
    }

    /** Part boundaries fall on 64-byte cache lines, so that no two threads write one line. */
    private static final int ALIGNMENT = 16;

    private final int minimumToSplit;
    private final Thread[] workers;
    private final Object lock = new Object();
    // Guarded by lock: the current round's work, how many workers have yet to finish it, the first failure.
    private long round;
    private int pending;
    private RangeTask task;
    private int count;
    private Throwable failure;
    private boolean closed;

    ParallelRanges(int threads, int minimumToSplit, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.minimumToSplit = minimumToSplit;
        this.workers = new Thread[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            int part = i + 1;
            workers[i] = new Thread(() -> work(part), name + "-" + part);
            workers[i].setDaemon(true);
            workers[i].start();
        }
    }

    /** How many parts a range is split into when it is long enough. */
    int threads() {
        return workers.length + 1;
    }

    /** Runs {@code task} over {@code [0, count)}, split into {@link #threads()} parts when long enough. */
    void run(int count, RangeTask task) {
        if (workers.length == 0 || count < minimumToSplit) {
            task.run(0, 0, count);
            return;
        }
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("these parallel ranges were closed; create a new HierarchicalAllreduce");
            }
            this.task = task;
            this.count = count;
            this.pending = workers.length;
            this.failure = null;
            round++;
            lock.notifyAll();
        }
        Throwable callerFailure = null;
        try {
            runPart(task, 0, count);
        } catch (RuntimeException | Error e) {
            callerFailure = e;
        }
        Throwable workerFailure = awaitWorkers();
        Throwable first = callerFailure != null ? callerFailure : workerFailure;
        if (first instanceof RuntimeException e) {
            throw e;
        }
        if (first instanceof Error e) {
            throw e;
        }
    }

    private void runPart(RangeTask task, int part, int count) {
        int parts = threads();
        task.run(part, boundary(count, part, parts), boundary(count, part + 1, parts));
    }

    private static int boundary(int count, int part, int parts) {
        return part == parts ? count : Math.min(count, (int) ((long) part * count / parts) / ALIGNMENT * ALIGNMENT);
    }

    /** Every worker touches the caller's buffers: wait for all of them even when interrupted. */
    private Throwable awaitWorkers() {
        boolean interrupted = false;
        synchronized (lock) {
            while (pending > 0) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return failure;
        }
    }

    private void work(int part) {
        long seen = 0;
        while (true) {
            RangeTask current;
            int currentCount;
            synchronized (lock) {
                while (round == seen && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException ignored) {
                        // close() is how a worker stops: a caller may be waiting for this one's part
                    }
                }
                if (closed) {
                    return;
                }
                seen = round;
                current = task;
                currentCount = count;
            }
            Throwable thrown = null;
            try {
                runPart(current, part, currentCount);
            } catch (RuntimeException | Error e) {
                thrown = e;
            }
            synchronized (lock) {
                if (thrown != null && failure == null) {
                    failure = thrown;
                }
                if (--pending == 0) {
                    lock.notifyAll();
                }
            }
        }
    }

    /** Stops the workers; a later {@link #run} of a long range fails. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
    }
}
