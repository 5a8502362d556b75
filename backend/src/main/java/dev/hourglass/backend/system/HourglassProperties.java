package dev.hourglass.backend.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code hourglass.*}.
 *
 * @param home         state directory; the embedded database lives in {@code home/db}
 * @param embeddedDatabase start the embedded PostgreSQL instead of connecting to {@code spring.datasource.url}
 * @param agentToken   the token trainer agents present
 * @param metricsToken a token that may read /actuator/prometheus and nothing else (for a Prometheus server)
 * @param maxRequestBytes  the largest request body accepted from users and pipelines
 * @param maxAgentRequestBytes the largest request body accepted from agents (metric batches)
 * @param schedulerInterval how often a scheduling pass runs even when nothing asked for one
 * @param schedulerMinGap   the least time between the starts of two passes
 * @param heartbeatInterval how often agents heartbeat; three missed in a row make a node LOST
 * @param idempotencyRetention how long the answer to an Idempotency-Key is kept for the key's retries
 * @param datasetRoots      the folders under which a job's dataset path must lie (on the nodes); empty: any
 *                          absolute path, so that a member can learn, from how jobs fail, which folders exist
 */
@ConfigurationProperties("hourglass")
public record HourglassProperties(Path home,
                                  @DefaultValue("false") boolean embeddedDatabase,
                                  String agentToken,
                                  String metricsToken,
                                  @DefaultValue("65536") int maxRequestBytes,
                                  @DefaultValue("4194304") int maxAgentRequestBytes,
                                  @DefaultValue("2s") Duration schedulerInterval,
                                  @DefaultValue("200ms") Duration schedulerMinGap,
                                  @DefaultValue("2s") Duration heartbeatInterval,
                                  @DefaultValue("24h") Duration idempotencyRetention,
                                  @DefaultValue Bootstrap bootstrap,
                                  @DefaultValue List<Path> datasetRoots) {

    /**
     * The first administrator and team, created when the database has no administrator. Production
     * configures a password or a token; there is no default password.
     */
    public record Bootstrap(@DefaultValue("admin") String adminUsername,
                            String adminPassword,
                            String adminToken,
                            String team,
                            @DefaultValue("16") int teamQuotaGpus) {
    }
}
