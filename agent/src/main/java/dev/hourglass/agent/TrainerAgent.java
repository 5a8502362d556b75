package dev.hourglass.agent;

import dev.hourglass.protocol.Assignment;
import dev.hourglass.protocol.Assignments;
import dev.hourglass.protocol.DeviceKind;
import dev.hourglass.protocol.NodeRegistration;
import dev.hourglass.protocol.WorkerPrograms;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon of one node: registers, heartbeats, long-polls for its assignments and reconciles them —
 * prepares new jobs, lets the launcher start them, stops jobs that disappeared (cancelled or failed elsewhere).
 * It survives a control-plane restart: running jobs go on and every call is retried.
 */
public final class TrainerAgent implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrainerAgent.class);
    static final int LONG_POLL_SECONDS = 25;

    private final AgentSettings settings;
    private final ControlPlaneClient client;
    private final Map<Long, JobLaunch> launches = new HashMap<>();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopped;

    TrainerAgent(AgentSettings settings) {
        this.settings = settings;
        this.client = new ControlPlaneClient(settings.controlPlaneUrl(), settings.token());
    }

    /** Runs until {@link #close()}; returns normally then. */
    void run() throws InterruptedException {
        if (!WorkerClasspath.carries(settings.workerClasspath(), WorkerPrograms.backendClass(settings.devices().kind()))) {
            log.warn("this node offers {}, but the workers' classpath lacks ND4J's backend for them, so its jobs will"
                    + " fail: {}", settings.devices().describe(), settings.devices().kind() == DeviceKind.GPU
                    ? "build the trainer with -Pcuda, or give the agent --cpu-devices N to train on the CPU"
                    : "use the trainer's default (CPU) build, not -Pcuda");
        }
        try {
            LeftoverJobs.endAll(settings.workDirectory().resolve("jobs"));
        } catch (IOException e) {
            log.warn("could not look for jobs a previous run of this agent left running: {}", e.getMessage());
        }
        Retry.untilDone("register node " + settings.node(), this::register);
        log.info("node {} registered with {} at {}", settings.node(), settings.devices().describe(),
                settings.controlPlaneUrl());
        long interval = settings.heartbeatInterval().toMillis();
        heartbeats.scheduleWithFixedDelay(this::heartbeat, interval, interval, TimeUnit.MILLISECONDS);
        Long version = null;
        Backoff backoff = new Backoff();
        while (!stopped) {
            try {
                Assignments assignments = client.assignments(settings.node(), version, LONG_POLL_SECONDS);
                version = assignments.version();
                backoff.reset();
                reconcile(assignments);
            } catch (IOException e) {
                if (stopped) {
                    break;
                }
                if (!(e instanceof ControlPlaneClient.ControlPlaneException failure && failure.isUnavailable())) {
                    log.warn("assignments of {}: {}; retrying in {} ms", settings.node(), e.getMessage(),
                            backoff.nextMillis());
                }
                backoff.pause();
            }
        }
    }

    private void register() throws IOException {
        client.register(new NodeRegistration(settings.node(), settings.devices().count(), settings.devices().model(),
                settings.devices().memoryMib(), settings.address()));
    }

    private void heartbeat() {
        try {
            client.heartbeat(settings.node(), settings.heartbeatInterval());
        } catch (ControlPlaneClient.ControlPlaneException e) {
            if (e.status() == 404) { // the control plane lost this node (a new database): register again
                try {
                    register();
                } catch (IOException again) {
                    log.warn("re-registering {}: {}", settings.node(), again.getMessage());
                }
            } else if (!e.isUnavailable()) {
                log.warn("heartbeat of {}: {}", settings.node(), e.getMessage());
            }
        } catch (IOException e) {
            log.warn("heartbeat of {}: {}", settings.node(), e.getMessage());
        }
    }

    private void reconcile(Assignments assignments) throws IOException {
        Set<Long> current = new HashSet<>();
        for (Assignment assignment : assignments.jobs()) {
            current.add(assignment.jobId());
            JobLaunch launch = launches.get(assignment.jobId());
            if (launch == null) {
                launch = new JobLaunch(settings, client, assignment);
                launch.prepare(assignment);
                launches.put(assignment.jobId(), launch);
            }
            launch.update(assignment);
        }
        launches.entrySet().removeIf(entry -> {
            if (current.contains(entry.getKey())) {
                return false;
            }
            entry.getValue().cancel();
            return true;
        });
    }

    @Override
    public void close() {
        stopped = true;
        heartbeats.shutdownNow();
        launches.values().forEach(JobLaunch::cancel);
    }
}
