package dev.hourglass.backend.security;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Who is calling, however they authenticated.
 *
 * @param apiTokenId the API token the call came with; null for a login session
 */
public record HourglassPrincipal(long userId, String username, String passwordHash, Role role, Long teamId,
                                 String teamName, Long apiTokenId) implements UserDetails {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Admins reach every team; a member only their own. */
    public boolean canAccessTeam(long team) {
        return isAdmin() || teamId != null && teamId == team;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return passwordHash != null;
    }
}
