package dev.hourglass.agent;

import dev.hourglass.protocol.WorkerPrograms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code hourglass-agent}: the trainer agent of one node. */
@Command(name = "hourglass-agent", mixinStandardHelpOptions = true,
        description = "Registers this node with the Hourglass control plane and runs the jobs it is given.")
public final class AgentCommand implements Callable<Integer> {

    @Option(names = "--control-plane", required = true, description = "e.g. http://localhost:8080")
    String controlPlane;

    @Option(names = "--node", required = true, description = "this node's name")
    String node;

    @Option(names = "--address", description = "where other nodes reach this one (default: the node name)")
    String address;

    @Option(names = "--cpu-devices", description = "act as a node of N CPU devices (replica threads) when there is no GPU")
    Integer cpuDevices;

    @Option(names = "--work-dir", required = true, description = "job run directories (worker specs, metric cursors, checkpoints): the same path on every node")
    Path workDirectory;

    @Option(names = "--data-dir", description = "where the generated datasets are kept (default: WORK_DIR/data)")
    Path dataDirectory;

    @Option(names = "--remote-shell", defaultValue = "ssh",
            description = "how mpirun reaches other nodes: ssh, local (all nodes on this host) or a command")
    String remoteShell;

    @Option(names = "--mpi-network", paramLabel = "CIDR",
            description = "keep mpirun's and the ranks' traffic to this subnet, e.g. 10.1.0.0/16 (default: any interface)")
    String mpiNetwork;

    @Option(names = "--heartbeat-seconds", defaultValue = "2", description = "heartbeat interval")
    int heartbeatSeconds;

    @Option(names = "--collective-timeout-seconds", defaultValue = "120",
            description = "fail a job whose allreduce does not complete in this time (a rank stopped making progress)")
    int collectiveTimeoutSeconds;

    @Option(names = "--worker-command", split = " ",
            description = "what each MPI rank runs (default: java " + WorkerPrograms.WORKER + ")")
    List<String> workerCommand;

    @Option(names = "--worker-classpath", defaultValue = "${env:HOURGLASS_WORKER_CLASSPATH}",
            description = "the trainer's classpath, which the ranks and the dataset step run from (default:"
                    + " $HOURGLASS_WORKER_CLASSPATH, else this agent's own classpath)")
    String workerClasspath;

    @Override
    public Integer call() throws Exception {
        String token = System.getenv("HOURGLASS_AGENT_TOKEN");
        if (token == null || token.isBlank()) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "set HOURGLASS_AGENT_TOKEN to the control plane's agent token");
        }
        DeviceInventory devices = cpuDevices != null ? DeviceInventory.cpu(cpuDevices)
                : DeviceInventory.detectGpus().orElseThrow(() -> new CommandLine.ParameterException(
                        new CommandLine(this), "no GPU found on this machine; pass --cpu-devices N to run N CPU devices"));
        MpiNetwork network;
        try {
            network = MpiNetwork.parse(mpiNetwork);
        } catch (IllegalArgumentException wrong) {
            throw new CommandLine.ParameterException(new CommandLine(this), wrong.getMessage());
        }
        Files.createDirectories(workDirectory);
        List<String> worker = workerCommand != null ? workerCommand
                : List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g", WorkerPrograms.WORKER);
        AgentSettings settings = new AgentSettings(controlPlane, token, node, address == null ? node : address, devices,
                workDirectory, dataDirectory != null ? dataDirectory : workDirectory.resolve("data"),
                RemoteShell.parse(remoteShell), network, worker,
                workerClasspath != null && !workerClasspath.isBlank() ? workerClasspath : System.getProperty("java.class.path"),
                Duration.ofSeconds(heartbeatSeconds), Duration.ofSeconds(collectiveTimeoutSeconds), "root".equals(System.getProperty("user.name")));
        try (TrainerAgent agent = new TrainerAgent(settings)) {
            Runtime.getRuntime().addShutdownHook(new Thread(agent::close));
            agent.run();
        }
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new AgentCommand()).execute(args));
    }

}
