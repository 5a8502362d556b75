package dev.hourglass.backend.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hourglass.backend.support.ControlPlaneTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A transaction whose connection the database drops mid-way (as when PostgreSQL stops while a background pass or a
 * request holds a pooled connection) fails with the database's own reason, which says it is unreachable, and logs
 * no error of its own: the rollback that cannot reach the closed connection is not a second failure.
 */
@ExtendWith(OutputCaptureExtension.class)
class DroppedConnectionRollbackTest extends ControlPlaneTest {

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aTransactionWhoseSessionTheDatabaseEndsFailsAsUnreachableAndLogsNoRollbackError(CapturedOutput output) {
        Throwable failure = catchThrowable(() -> new TransactionTemplate(transactions).executeWithoutResult(
                status -> jdbc.queryForObject("select pg_terminate_backend(pg_backend_pid())", Boolean.class)));

        assertThat(failure).isNotNull();
        assertThat(DatabaseOutage.isUnreachable(failure)).as("%s", failure).isTrue();
        assertThat(failure).hasRootCauseMessage("FATAL: terminating connection due to administrator command");
        assertThat(output.getOut()).doesNotContain("overridden by rollback").doesNotContain("ERROR");
        Integer afterwards = new TransactionTemplate(transactions).execute(status -> jdbc.queryForObject("select 1",
                Integer.class));
        assertThat(afterwards).as("the next transaction, on a new connection").isEqualTo(1);
    }
}
