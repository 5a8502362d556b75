package dev.hourglass.backend.system;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL's server outlives a control plane killed with SIGKILL (it runs detached), holding its data
 * directory: the next start would find its {@code postmaster.pid} and give up. This stops such a leftover before a
 * start, but only when no live control plane owns the directory: the embedded database's own lock file
 * ({@value #OWNER_LOCK}) is held for as long as its owner lives, and a kill frees it.
 */
final class LeftoverPostmaster {

    static final String OWNER_LOCK = "epg-lock";
    private static final Logger log = LoggerFactory.getLogger(LeftoverPostmaster.class);

    private LeftoverPostmaster() {
    }

    /** Stops the server a dead owner left on {@code dataDirectory}, if there is one; waits for it to exit. */
    static void stopIfOrphaned(Path dataDirectory, Duration patience) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try (FileChannel owner = FileChannel.open(dataDirectory.resolve(OWNER_LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock free = owner.tryLock()) {
            if (free == null) {
                return; // a live control plane owns the directory; the start will say so
            }
            Optional<ProcessHandle> postmaster = postmaster(pidFile, dataDirectory);
            if (postmaster.isPresent()) {
                log.warn("stopping PostgreSQL (pid {}) left running on {} by a control plane that did not shut down",
                        postmaster.get().pid(), dataDirectory);
                stop(postmaster.get(), patience);
            }
        } catch (OverlappingFileLockException ownedHere) {
            // this process already runs the database on that directory
        }
    }

    /** The live server named by the pid file, if the pid is one (a stale file is PostgreSQL's own to replace). */
    static Optional<ProcessHandle> postmaster(Path pidFile, Path dataDirectory) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 2) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        boolean sameDirectory = Path.of(lines.get(1).trim()).toAbsolutePath().normalize()
                .equals(dataDirectory.toAbsolutePath().normalize());
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(process -> sameDirectory
                && process.info().command().map(command -> command.endsWith("postgres")).orElse(false));
    }

    /** SIGTERM (a smart shutdown: its clients died with their control plane), then SIGKILL if it will not go. */
    private static void stop(ProcessHandle postmaster, Duration patience) throws IOException {
        postmaster.destroy();
        try {
            postmaster.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            log.warn("PostgreSQL (pid {}) did not stop within {}; killing it", postmaster.pid(), patience);
            postmaster.destroyForcibly();
            postmaster.onExit().join();
        } catch (ExecutionException e) {
            throw new IOException("could not wait for PostgreSQL (pid " + postmaster.pid() + ") to stop", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL (pid " + postmaster.pid() + ")", e);
        }
    }
}
