package dev.hourglass.worker;

import dev.hourglass.protocol.WorkerSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stops a job whose launching agent is gone. The agent keeps mpirun's standard input open for as long as it lives
 * and mpirun forwards it to rank 0; when the agent dies (even by SIGKILL) that input ends, rank 0 stops, and mpirun
 * ends the other ranks, on every node. Without it a killed agent's job trains on, holding devices that the
 * scheduler has already given to another job.
 */
final class LauncherLifeline {

    /** The worker's exit status when its launcher is gone. */
    static final int LAUNCHER_GONE = 3;

    private LauncherLifeline() {
    }

    /** What {@link #watch} started: released once the worker ends on its own, so that its end is not mistaken. */
    interface Watch {
        /** The worker is ending by itself (done, or failing with its own reason): the input's end is no news. */
        void release();
    }

    /**
     * On rank 0, when the launcher asked for it (its environment), watches {@code input} from a daemon thread and
     * calls {@code stop} once it ends, unless released first (mpirun closes the input when the job ends anyway).
     */
    static Watch watch(Map<String, String> environment, int rank, InputStream input, PrintStream out,
                       Runnable stop) {
        if (rank != 0 || !WorkerSpec.LIFELINE_STDIN.equals(environment.get(WorkerSpec.LIFELINE_VARIABLE))) {
            return () -> { };
        }
        AtomicBoolean released = new AtomicBoolean();
        Thread watcher = new Thread(() -> {
            try {
                while (input.read() != -1) {
                    // nothing is sent on the lifeline; its end is the message
                }
            } catch (IOException ignored) {
                // a broken pipe ends it the same way
            }
            synchronized (released) {
                if (released.get()) {
                    return;
                }
                out.println(WorkerMain.FAILURE + "rank 0: the agent that launched this job is gone (mpirun's"
                        + " input closed); stopping");
                out.flush();
                stop.run();
            }
        }, "launcher-lifeline");
        watcher.setDaemon(true);
        watcher.start();
        return () -> {
            synchronized (released) {
                released.set(true);
            }
        };
    }
}
