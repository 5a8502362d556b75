package dev.hourglass.backend.system;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.transaction.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The JPA transaction manager, except that rolling back on a connection the database has already dropped counts as
 * done: PostgreSQL ended that transaction with the session. Without this, a statement that meets a database that
 * just stopped fails, its rollback fails in turn on the closed connection, and Spring logs the first failure as
 * "overridden by rollback exception" and throws the second, which no longer says the database is unreachable.
 */
@Configuration(proxyBeanMethods = false)
public class DroppedConnectionRollback {

    private static final Logger log = LoggerFactory.getLogger(DroppedConnectionRollback.class);

    @Bean
    PlatformTransactionManager transactionManager(ObjectProvider<TransactionManagerCustomizers> customizers) {
        JpaTransactionManager manager = new TransactionManager();
        customizers.ifAvailable(each -> each.customize(manager));
        return manager;
    }

    private static final class TransactionManager extends JpaTransactionManager {

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            try {
                super.doRollback(status);
            } catch (DataAccessException | TransactionException failure) {
                if (!connectionClosed()) {
                    throw failure;
                }
                log.debug("rollback on a connection the database dropped; the transaction ended with it", failure);
            }
        }

        private boolean connectionClosed() {
            DataSource dataSource = getDataSource();
            if (dataSource == null
                    || !(TransactionSynchronizationManager.getResource(dataSource) instanceof ConnectionHolder holder)) {
                return false;
            }
            try {
                return holder.getConnection().isClosed();
            } catch (SQLException | RuntimeException unknown) {
                return false;
            }
        }
    }
}
