package dev.hourglass.backend.system;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether the database is reachable, as the calls that need it find out: one log line when it stops answering and
 * one when it is back, however many requests and background passes fail in between (each of them would otherwise
 * log a stack trace).
 */
@Component
public class DatabaseOutage {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);

    private final AtomicReference<Instant> since = new AtomicReference<>();
    private final AtomicLong failedCalls = new AtomicLong();

    /** Whether {@code failure} (or what caused it) says the database could not be reached, rather than refused. */
    public static boolean isUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException || cause instanceof ConnectException) {
                return true;
            }
            // class 08: connection exception; 57P01-57P03: the server is shutting down or starting
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** A call failed for want of the database; logs only the first failure of an outage. */
    public void failed(Throwable failure) {
        failedCalls.incrementAndGet();
        if (since.compareAndSet(null, Instant.now())) {
            log.warn("the database is unreachable ({}); API calls answer 503 and background work waits until it"
                    + " answers again", rootMessage(failure));
        }
    }

    /**
     * A call that needed the database succeeded.
     *
     * @return whether this ended an outage (the caller may have catching up to do)
     */
    public boolean succeeded() {
        Instant started = since.getAndSet(null);
        if (started == null) {
            return false;
        }
        log.info("the database answers again after {} s; {} calls failed meanwhile",
                Duration.between(started, Instant.now()).toSeconds(), failedCalls.getAndSet(0));
        return true;
    }

    /** The calls that have failed for want of the database since it last answered. */
    public long failedCalls() {
        return failedCalls.get();
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
