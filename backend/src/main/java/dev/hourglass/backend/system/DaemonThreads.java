package dev.hourglass.backend.system;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Background loops of the control plane (scheduling, node health, stream keep-alives): one named daemon thread each. */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    public static ScheduledExecutorService single(String name) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
