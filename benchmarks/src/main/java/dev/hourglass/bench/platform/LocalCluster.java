package dev.hourglass.bench.platform;

import dev.hourglass.bench.ChildProcess;
import dev.hourglass.bench.controlplane.ControlPlaneProcess;
import dev.hourglass.client.ApiClient;
import dev.hourglass.client.ApiException;
import dev.hourglass.client.api.JobsApi;
import dev.hourglass.client.api.NodesApi;
import dev.hourglass.client.api.TeamsApi;
import dev.hourglass.client.model.CreateTeam;
import dev.hourglass.client.model.NodeView;
import dev.hourglass.protocol.WorkerPrograms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The platform as {@code ./hourglass up} runs it, for a benchmark: the real control plane from its jar and
 * {@code nodes} trainer agents in processes of their own, each an 8-device node whose launcher starts its jobs'
 * ranks with Open MPI's mpirun on this machine; one team whose quota holds every node.
 */
public final class LocalCluster implements AutoCloseable {

    private static final Duration REGISTRATION = Duration.ofSeconds(120);


    private final ControlPlaneProcess controlPlane;
    private final ApiClient admin;
    private final JobsApi jobs;
    private final Path home;
    private final String team;
    private final int coresPerWorker;
    private final List<Process> agents = new ArrayList<>();
    private final List<String> nodes = new ArrayList<>();
    private boolean closed;

    private LocalCluster(ControlPlaneProcess controlPlane, Path home, String team, int coresPerWorker) {
        this.controlPlane = controlPlane;
        this.admin = controlPlane.apiClient(ControlPlaneProcess.ADMIN_TOKEN);
        this.jobs = new JobsApi(admin);
        this.home = home;
        this.team = team;
        this.coresPerWorker = coresPerWorker;
    }

    /** Starts the control plane and {@code nodeCount} agents, with team {@code team} holding all their devices. */
    public static LocalCluster start(String team, int nodeCount)
            throws IOException, InterruptedException, ApiException {
        return start(team, nodeCount, Runtime.getRuntime().availableProcessors());
    }

    /**
     * As {@link #start(String, int)}, each job's worker using at most {@code coresPerWorker} of this machine's cores
     * for its compute threads, so that that many single-device jobs can train side by side without oversubscribing
     * ND4J's OpenMP threads (a job of 8 replica threads still spreads over all cores).
     */
    public static LocalCluster start(String team, int nodeCount, int coresPerWorker)
            throws IOException, InterruptedException, ApiException {
        Classpaths classpaths = Classpaths.fromProperties();
        Path home = Files.createTempDirectory("hourglass-" + team);
        LocalCluster cluster = new LocalCluster(ControlPlaneProcess.start(), home, team, coresPerWorker);
        try {
            new TeamsApi(cluster.admin).createTeam(new CreateTeam().name(team).quotaGpus(8 * nodeCount), null);
            for (int i = 1; i <= nodeCount; i++) {
                cluster.startAgent("bench-" + i, classpaths);
            }
            cluster.awaitNodesReady();
        } catch (IOException | InterruptedException | ApiException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** The jobs API, called as the administrator. */
    public JobsApi jobs() {
        return jobs;
    }

    /** The team whose quota holds every node. */
    public String team() {
        return team;
    }

    public String description() {
        return "control plane on " + controlPlane.databaseDescription() + ", " + nodes.size()
                + " local agents of 8 CPU devices each, each job's worker on up to " + coresPerWorker + " core(s)";
    }

    private void startAgent(String node, Classpaths classpaths) throws IOException {
        Path work = Files.createDirectories(home.resolve("agents").resolve(node));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The worker's replica threads split the cores the JVM sees; OpenMP's own team follows OMP_NUM_THREADS,
        // which the ranks inherit from the agent through the local mpirun.
        String workerCommand = String.join(" ", java, "-Xmx2g", "-XX:ActiveProcessorCount=" + coresPerWorker,
                WorkerPrograms.WORKER);
        ProcessBuilder builder = new ProcessBuilder(java,
                "-Xmx256m", "-cp", classpaths.agent(), "dev.hourglass.agent.AgentCommand",
                "--control-plane", controlPlane.baseUrl(), "--node", node, "--address", "localhost",
                "--cpu-devices", "8", "--remote-shell", "local", "--work-dir", work.toString(),
                "--data-dir", home.resolve("data").toString(), "--worker-command", workerCommand,
                "--worker-classpath", classpaths.worker())
                .redirectErrorStream(true).redirectOutput(work.resolve("agent.log").toFile());
        builder.environment().put("HOURGLASS_AGENT_TOKEN", ControlPlaneProcess.AGENT_TOKEN);
        builder.environment().put("OMP_NUM_THREADS", Integer.toString(coresPerWorker));
        agents.add(builder.start());
        nodes.add(node);
    }

    private void awaitNodesReady() throws InterruptedException, ApiException {
        NodesApi nodesApi = new NodesApi(admin);
        long deadline = System.nanoTime() + REGISTRATION.toNanos();
        for (String node : nodes) {
            while (!isReady(nodesApi, node)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("agent " + node + " did not register within " + REGISTRATION
                            .toSeconds() + " s; its log: " + home.resolve("agents").resolve(node).resolve("agent.log"));
                }
                Thread.sleep(500);
            }
        }
    }

    /** Whether the node is READY; any other answer (404 until its agent registers it) means not yet. */
    private static boolean isReady(NodesApi nodesApi, String node) throws ApiException {
        try {
            return nodesApi.getNode(node).getState() == NodeView.StateEnum.READY;
        } catch (ApiException notYet) {
            if (notYet.getCode() == 0) {
                throw notYet;
            }
            return false;
        }
    }

    /** The worker log of a job, from the launcher's run directory, for failure messages. */
    public String workerLogTail(long job) {
        for (String node : nodes) {
            Path log = home.resolve("agents").resolve(node).resolve("jobs").resolve(Long.toString(job))
                    .resolve("worker.log");
            if (Files.exists(log)) {
                try {
                    return ChildProcess.tail(Files.readString(log));
                } catch (IOException e) {
                    return "(could not read " + log + ": " + e.getMessage() + ")";
                }
            }
        }
        return "(no worker log)";
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Process agent : agents) {
            agent.descendants().forEach(ProcessHandle::destroyForcibly);
            agent.destroyForcibly();
        }
        controlPlane.close();
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove " + home + ": " + e.getMessage());
        }
    }
}
