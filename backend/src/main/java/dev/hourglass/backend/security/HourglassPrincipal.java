package dev.hourglass.backend.security;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** Who is calling, however they authenticated (login session or API token). */
public record HourglassPrincipal(long userId, String username, String passwordHash, Role role, Long teamId,
                                 String teamName) implements UserDetails {

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
