package dev.hourglass.platform;

import dev.hourglass.agent.AgentCommand;
import dev.hourglass.protocol.WorkerPrograms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A trainer agent in a process of its own, acting as an 8-device node on this machine, that runs the real
 * trainer worker under mpirun: what {@code ./hourglass up} starts, for system tests.
 */
final class LocalAgent implements AutoCloseable {


    private final String node;
    private final Path workDirectory;
    private final Process process;

    private LocalAgent(String node, Path workDirectory, Process process) {
        this.node = node;
        this.workDirectory = workDirectory;
        this.process = process;
    }

    /**
     * @param controlPlane e.g. {@code http://127.0.0.1:8080}
     * @param extraOptions further agent options, e.g. {@code --collective-timeout-seconds 10}
     */
    static LocalAgent start(String controlPlane, String agentToken, String node, Path directory, Path data,
                            String... extraOptions) throws IOException {
        Path work = Files.createDirectories(directory.resolve(node));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), AgentCommand.class.getName(),
                "--control-plane", controlPlane, "--node", node, "--address", "localhost",
                "--cpu-devices", "8", "--remote-shell", "local", "--heartbeat-seconds", "1",
                "--work-dir", work.toString(), "--data-dir", data.toString()));
        command.addAll(List.of(extraOptions));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("agent.log").toFile()));
        builder.environment().put("HOURGLASS_AGENT_TOKEN", agentToken);
        return new LocalAgent(node, work, builder.start());
    }

    String node() {
        return node;
    }

    /** The run directory this agent keeps for a job (the worker spec, its log, metrics, checkpoints). */
    Path runDirectory(long job) {
        return workDirectory.resolve("jobs").resolve(Long.toString(job));
    }

    /**
     * The worker ranks running under this agent's mpirun (the launcher's; the other agent starts none): the
     * processes mpirun started itself. A rank's own command line is too long for /proc to show its main class.
     */
    List<ProcessHandle> workerRanks() {
        List<ProcessHandle> mpirun = process.children().filter(p -> p.info().commandLine()
                .map(line -> line.contains(WorkerPrograms.WORKER)).orElse(false)).toList();
        return mpirun.stream().flatMap(ProcessHandle::children).toList();
    }

    /** The mpirun this agent launched and every process under it (its ranks, and whatever they started). */
    List<ProcessHandle> jobProcesses() {
        return process.children().filter(p -> p.info().commandLine().map(line -> line.contains(WorkerPrograms.WORKER))
                .orElse(false)).flatMap(mpirun -> java.util.stream.Stream.concat(java.util.stream.Stream.of(mpirun),
                mpirun.descendants())).toList();
    }

    /** SIGKILL to the agent's process only, as {@code kill -9 PID} does. */
    void killAgentAlone() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Every process this agent started, for failure messages. */
    String processTree() {
        return process.descendants().map(p -> p.pid() + " " + p.info().commandLine().map(line -> line.length() > 160
                ? line.substring(0, 160) + "..." : line).orElse("?")).reduce("", (a, b) -> a + "\n" + b);
    }

    String log() throws IOException {
        Path log = workDirectory.resolve("agent.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
