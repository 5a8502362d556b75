package dev.hourglass.backend.accounts;

import dev.hourglass.backend.security.Role;
import dev.hourglass.backend.system.HourglassProperties;
import dev.hourglass.backend.teams.Team;
import dev.hourglass.backend.teams.TeamRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The first administrator comes from configuration (HOURGLASS_ADMIN_PASSWORD and/or HOURGLASS_ADMIN_TOKEN),
 * never from a default password; {@code ./hourglass up} generates one. Safe to run at every start.
 */
@Component
public class BootstrapAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final HourglassProperties.Bootstrap settings;
    private final UserRepository users;
    private final TeamRepository teams;
    private final ApiTokenService tokens;
    private final PasswordEncoder passwords;

    public BootstrapAdmin(HourglassProperties properties, UserRepository users, TeamRepository teams,
                          ApiTokenService tokens, PasswordEncoder passwords) {
        this.settings = properties.bootstrap();
        this.users = users;
        this.teams = teams;
        this.tokens = tokens;
        this.passwords = passwords;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        Team team = blank(settings.team()) ? null : teams.findByName(settings.team())
                .orElseGet(() -> teams.save(new Team(settings.team(), settings.teamQuotaGpus())));
        UserAccount admin = users.findByUsername(settings.adminUsername()).orElse(null);
        if (admin == null) {
            if (users.existsByRole(Role.ADMIN)) {
                return;
            }
            if (blank(settings.adminPassword()) && blank(settings.adminToken())) {
                throw new IllegalStateException("no administrator exists and none is configured: set"
                        + " HOURGLASS_ADMIN_PASSWORD (browser login) and/or HOURGLASS_ADMIN_TOKEN (API token,"
                        + " at least " + ApiTokenService.MIN_TOKEN_LENGTH + " characters)");
            }
            admin = users.save(new UserAccount(settings.adminUsername(),
                    blank(settings.adminPassword()) ? null : passwords.encode(settings.adminPassword()), Role.ADMIN, team));
            log.info("created administrator '{}'", admin.getUsername());
        } else if (admin.getTeam() == null && team != null) {
            admin.setTeam(team);
        }
        if (!blank(settings.adminToken())) {
            tokens.ensure(admin.getId(), "bootstrap (HOURGLASS_ADMIN_TOKEN)", settings.adminToken());
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
