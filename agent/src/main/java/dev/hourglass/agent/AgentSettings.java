package dev.hourglass.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How one agent runs.
 *
 * @param address         where other nodes' mpirun reaches this node
 * @param mpiNetwork      the subnet Open MPI's traffic is kept to, or {@link MpiNetwork#ANY}
 * @param workerCommand   what each MPI rank runs (the spec path is appended)
 * @param workerClasspath the CLASSPATH the ranks get (mpirun passes it on with -x)
 * @param dataDirectory   where the built-in generated datasets are written on first use
 * @param collectiveTimeout a collective that does not complete in this time fails the job (naming rank and step)
 */
record AgentSettings(String controlPlaneUrl,
                     String token,
                     String node,
                     String address,
                     DeviceInventory devices,
                     Path workDirectory,
                     Path dataDirectory,
                     RemoteShell remoteShell,
                     MpiNetwork mpiNetwork,
                     List<String> workerCommand,
                     String workerClasspath,
                     Duration heartbeatInterval,
                     Duration collectiveTimeout,
                     boolean runningAsRoot) {
}
