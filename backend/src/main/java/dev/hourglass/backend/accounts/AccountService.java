package dev.hourglass.backend.accounts;

import dev.hourglass.backend.security.HourglassPrincipal;
import dev.hourglass.backend.security.Role;
import dev.hourglass.backend.system.ApiException;
import dev.hourglass.backend.teams.Team;
import dev.hourglass.backend.teams.TeamService;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users: who they are, their role and team. */
@Service
public class AccountService {

    static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    static final int MIN_PASSWORD_LENGTH = 8;

    private final UserRepository users;
    private final TeamService teams;
    private final ApiTokenService tokens;
    private final PasswordEncoder passwords;

    public AccountService(UserRepository users, TeamService teams, ApiTokenService tokens, PasswordEncoder passwords) {
        this.users = users;
        this.teams = teams;
        this.tokens = tokens;
        this.passwords = passwords;
    }

    public record UserView(String username, Role role, String team, boolean canLogIn, Instant createdAt) {
        public static UserView of(UserAccount user) {
            return new UserView(user.getUsername(), user.getRole(),
                    user.getTeam() == null ? null : user.getTeam().getName(), user.hasPassword(), user.getCreatedAt());
        }
    }

    @Transactional
    public UserView create(String username, String password, Role role, String teamName) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ApiException.invalid("username", "username '" + username + "' must be 1-64 lower-case letters,"
                    + " digits, '.', '_' or '-'");
        }
        if (role == null) {
            throw ApiException.invalid("role", "role is required: ADMIN or MEMBER");
        }
        if (password != null && password.length() < MIN_PASSWORD_LENGTH) {
            throw ApiException.invalid("password", "password must be at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (role == Role.MEMBER && teamName == null) {
            throw ApiException.invalid("team", "a MEMBER belongs to a team: name one");
        }
        Team team = teamName == null ? null : teams.find(teamName);
        if (users.findByUsername(username).isPresent()) {
            throw ApiException.conflict("user '" + username + "' already exists");
        }
        return UserView.of(users.save(new UserAccount(username, password == null ? null : passwords.encode(password),
                role, team)));
    }

    /** A user with their API tokens, newest last, revoked ones included. */
    public record UserTokens(UserView user, List<TokenView> tokens) {
    }

    /** The team's users and their tokens, by username. */
    public List<UserTokens> membersOf(String teamName) {
        Team team = teams.find(teamName);
        return users.findByTeamIdOrderByUsername(team.getId()).stream().map(this::withTokens).toList();
    }

    /** The caller's own account and tokens. */
    public UserTokens self(HourglassPrincipal caller) {
        return withTokens(findSelfOrAdmin(caller.username(), caller));
    }

    private UserTokens withTokens(UserAccount user) {
        return new UserTokens(UserView.of(user), tokens.list(user.getId()).stream().map(TokenView::of).toList());
    }

    public List<UserView> list() {
        return users.findAllByOrderByUsername().stream().map(UserView::of).toList();
    }

    /** The user named, if the caller is that user or an admin. */
    public UserAccount findSelfOrAdmin(String username, HourglassPrincipal caller) {
        if (!caller.isAdmin() && !caller.username().equals(username)) {
            throw ApiException.forbidden("only an admin manages another user's tokens");
        }
        return users.findByUsername(username).orElseThrow(() -> ApiException.notFound("no user '" + username + "'"));
    }
}
