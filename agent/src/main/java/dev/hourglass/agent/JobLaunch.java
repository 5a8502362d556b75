package dev.hourglass.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hourglass.protocol.Assignment;
import dev.hourglass.protocol.CheckpointFiles;
import dev.hourglass.protocol.JobReport;
import dev.hourglass.protocol.JobStatus;
import dev.hourglass.protocol.WorkerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's part in one job. Every node prepares and reports ready; the launcher (the job's first node)
 * starts {@code mpirun} once all nodes are ready, forwards the metrics, and reports the exit. A cancel stops
 * the whole MPI job.
 */
final class JobLaunch {

    private static final Logger log = LoggerFactory.getLogger(JobLaunch.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final Duration STOP_GRACE = Duration.ofSeconds(2);

    private final AgentSettings settings;
    private final ControlPlaneClient client;
    private final long jobId;
    private final Path runDirectory;
    private Process mpirun;
    private MetricsForwarder forwarder;
    private volatile boolean cancelled;

    JobLaunch(AgentSettings settings, ControlPlaneClient client, Assignment assignment) {
        this.settings = settings;
        this.client = client;
        this.jobId = assignment.jobId();
        this.runDirectory = settings.workDirectory().resolve("jobs").resolve(Long.toString(jobId));
    }

    boolean isLauncher(Assignment assignment) {
        return !assignment.nodes().isEmpty() && assignment.nodes().get(0).name().equals(settings.node());
    }

    /** Prepares the dataset, writes the worker spec and reports this node ready. */
    void prepare(Assignment assignment) throws IOException {
        Files.createDirectories(runDirectory);
        String dataset = Datasets.resolve(assignment.dataset(), settings.dataDirectory(), settings.workerClasspath());
        String backboneCheckpoint = null;
        if (assignment.backboneFrom() != null) {
            Path checkpoints = checkpointDirectory(settings, assignment.backboneFrom());
            Optional<Path> newest = CheckpointFiles.newest(checkpoints, 0);
            if (newest.isEmpty()) {
                cancelled = true; // nothing runs; the job ends here
                client.report(jobId, new JobReport(JobStatus.FAILED, null, "node " + settings.node() + " has no checkpoint"
                        + " of job " + assignment.backboneFrom() + " (the backbone to start from) under "
                        + checkpoints + ": run the detector on a node that ran that job, or give the nodes one"
                        + " shared --work-dir"));
                return;
            }
            backboneCheckpoint = newest.orElseThrow().toString();
        }
        WorkerSpec spec = new WorkerSpec(jobId, assignment.model(), dataset, assignment.recipe(),
                assignment.nodes(), runDirectory.toString(), checkpointDirectory(settings, jobId).toString(),
                assignment.seed(),
                assignment.allreduce(), (int) settings.collectiveTimeout().toSeconds(), settings.devices().kind(),
                backboneCheckpoint);
        JSON.writeValue(runDirectory.resolve(WorkerSpec.FILE_NAME).toFile(), spec);
        client.ready(jobId, settings.node());
    }

    /** Where a job's ranks write their checkpoints on a node: {@code WORK_DIR/jobs/ID/checkpoints}. */
    static Path checkpointDirectory(AgentSettings settings, long jobId) {
        return settings.workDirectory().resolve("jobs").resolve(Long.toString(jobId)).resolve("checkpoints");
    }

    /** On the launcher: starts mpirun once every node of the job is ready. */
    synchronized void update(Assignment assignment) throws IOException {
        if (mpirun != null || cancelled || !isLauncher(assignment)) {
            return;
        }
        List<String> names = assignment.nodes().stream().map(Assignment.AssignedNode::name).toList();
        if (!assignment.readyNodes().containsAll(names)) {
            return;
        }
        List<String> command = MpirunCommand.build(assignment.nodes(), runDirectory.resolve("hostfile"),
                settings.remoteShell(), settings.mpiNetwork(), settings.workerCommand(),
                runDirectory.resolve(WorkerSpec.FILE_NAME),
                settings.runningAsRoot());
        log.info("job {}: starting {} rank(s): {}", jobId, names.size(), String.join(" ", command));
        ProcessBuilder builder = new ProcessBuilder(command).directory(runDirectory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(runDirectory.resolve("worker.log").toFile()));
        builder.environment().put("CLASSPATH", settings.workerClasspath());
        try {
            mpirun = builder.start(); // its standard input stays open while this agent lives: the ranks' lifeline
        } catch (IOException cannotStart) {
            cancelled = true; // nothing runs; the job ends here
            client.report(jobId, new JobReport(JobStatus.FAILED, null, "node " + settings.node() + " could not start mpirun: "
                    + cannotStart.getMessage() + " (Open MPI must be installed on every node)"));
            return;
        }
        try {
            LeftoverJobs.record(runDirectory, mpirun.toHandle());
        } catch (IOException e) {
            log.warn("job {}: could not record mpirun's pid in {}: {}", jobId, runDirectory, e.getMessage());
        }
        forwarder = new MetricsForwarder(jobId, runDirectory.resolve(WorkerSpec.METRICS_FILE_NAME),
                runDirectory.resolve("metrics.cursor"), client, Duration.ofMillis(250));
        daemon("metrics-" + jobId, forwarder);
        client.report(jobId, new JobReport(JobStatus.RUNNING, null, null));
        daemon("job-" + jobId, this::awaitExit);
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void awaitExit() {
        try {
            int exit = mpirun.waitFor();
            LeftoverJobs.forget(runDirectory);
            forwarder.drainAndStop();
            while (!forwarder.finished()) {
                Thread.sleep(100);
            }
            if (cancelled) {
                return;
            }
            JobReport report = exit == 0 ? new JobReport(JobStatus.SUCCEEDED, null, null)
                    : new JobReport(JobStatus.FAILED, null, FailureReason.from(runDirectory.resolve("worker.log"), exit));
            Retry.untilDone("report the end of job " + jobId, () -> client.report(jobId, report));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the whole MPI job: mpirun and every process it started, forcibly after a short grace. */
    synchronized void cancel() {
        cancelled = true;
        if (mpirun == null) {
            return;
        }
        List<ProcessHandle> tree = mpirun.toHandle().descendants().toList();
        mpirun.destroy();
        tree.forEach(ProcessHandle::destroy);
        try {
            if (!mpirun.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                mpirun.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        if (forwarder != null) {
            forwarder.drainAndStop();
        }
        log.info("job {}: cancelled, {} process(es) stopped", jobId, tree.size() + 1);
    }
}
