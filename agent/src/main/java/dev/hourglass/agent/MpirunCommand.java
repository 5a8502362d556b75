package dev.hourglass.agent;

import dev.hourglass.protocol.Assignment;
import dev.hourglass.protocol.WorkerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code mpirun} line that starts one worker rank per node of a job, in the nodes' rank order. Open MPI
 * settings from docs/open-mpi.md ("Running as root and oversubscribing", "Large allreduce and malloc"):
 * {@code --allow-run-as-root} as root, {@code --oversubscribe} where ranks
 * outnumber cores, {@code --bind-to none} (else each node's daemon pins its rank, and all its replica threads, to
 * one core), the remote shell and the subnet to use between nodes, and glibc's allocator kept from returning
 * memory to the host on every large allreduce.
 */
final class MpirunCommand {

    private MpirunCommand() {
    }

    /**
     * @param workerCommand the program each rank runs, given the worker spec path as its last argument
     */
    static List<String> build(List<Assignment.AssignedNode> nodes, Path hostfile, RemoteShell shell,
                              MpiNetwork network, List<String> workerCommand, Path spec, boolean asRoot)
            throws IOException {
        String hosts = shell.isLocal()
                ? "localhost slots=" + nodes.size() + "\n"
                : nodes.stream().map(node -> node.address() + " slots=1").collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(hostfile, hosts);
        List<String> command = new ArrayList<>(List.of("mpirun"));
        if (asRoot) {
            command.add("--allow-run-as-root");
        }
        command.addAll(List.of("--oversubscribe", "--bind-to", "none", "--map-by", shell.isLocal() ? "slot" : "node",
                "-np", Integer.toString(nodes.size()), "--hostfile", hostfile.toString()));
        if (!shell.isLocal()) {
            command.addAll(List.of("--mca", "plm_rsh_agent", shell.command()));
        }
        command.addAll(network.mpirunOptions());
        command.addAll(List.of("-x", "CLASSPATH", "-x", "MALLOC_MMAP_THRESHOLD_=4294967296",
                "-x", "MALLOC_TRIM_THRESHOLD_=4294967296",
                "-x", WorkerSpec.LIFELINE_VARIABLE + "=" + WorkerSpec.LIFELINE_STDIN));
        command.addAll(workerCommand);
        command.add(spec.toString());
        return command;
    }
}
