package dev.hourglass.agent;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mpirun of every job this agent launches is recorded in the job's run directory ({@value #PID_FILE}) until it
 * ends. An agent that starts and finds such a record left by a previous run of itself (killed, so it could neither
 * stop the job nor remove the record) ends that mpirun and everything it started before it offers its devices again:
 * the control plane has failed that job already and may place another one on them.
 */
final class LeftoverJobs {

    static final String PID_FILE = "mpirun.pid";
    private static final Logger log = LoggerFactory.getLogger(LeftoverJobs.class);

    private LeftoverJobs() {
    }

    static void record(Path runDirectory, ProcessHandle mpirun) throws IOException {
        Files.writeString(runDirectory.resolve(PID_FILE), Long.toString(mpirun.pid()));
    }

    static void forget(Path runDirectory) {
        try {
            Files.deleteIfExists(runDirectory.resolve(PID_FILE));
        } catch (IOException e) {
            log.warn("could not remove {}: {}", runDirectory.resolve(PID_FILE), e.getMessage());
        }
    }

    /** Ends every recorded mpirun under {@code jobsDirectory} that still runs; returns how many it ended. */
    static int endAll(Path jobsDirectory) throws IOException {
        if (!Files.isDirectory(jobsDirectory)) {
            return 0;
        }
        int ended = 0;
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(jobsDirectory)) {
            for (Path run : runs) {
                Path record = run.resolve(PID_FILE);
                if (!Files.exists(record)) {
                    continue;
                }
                Optional<ProcessHandle> mpirun = mpirun(record);
                if (mpirun.isPresent()) {
                    List<ProcessHandle> tree = mpirun.get().descendants().toList();
                    mpirun.get().destroyForcibly();
                    tree.forEach(ProcessHandle::destroyForcibly);
                    mpirun.get().onExit().join();
                    tree.forEach(process -> process.onExit().join());
                    log.warn("job {}: ended its mpirun (pid {}) and {} process(es) it started, left running by a"
                            + " previous run of this agent", run.getFileName(), mpirun.get().pid(), tree.size());
                    ended++;
                }
                forget(run);
            }
        }
        return ended;
    }

    private static Optional<ProcessHandle> mpirun(Path record) throws IOException {
        long pid;
        try {
            pid = Long.parseLong(Files.readString(record).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(process -> process.info().command()
                .map(command -> command.endsWith("mpirun") || command.endsWith("orterun")).orElse(false));
    }
}
