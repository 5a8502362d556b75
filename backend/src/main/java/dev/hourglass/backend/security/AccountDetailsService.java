package dev.hourglass.backend.security;

import dev.hourglass.backend.accounts.UserAccount;
import dev.hourglass.backend.accounts.UserRepository;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Browser login: users with a password. */
@Service
public class AccountDetailsService implements UserDetailsService {

    private final UserRepository users;

    public AccountDetailsService(UserRepository users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return users.findByUsername(username).map(UserAccount::toPrincipal)
                .orElseThrow(() -> new UsernameNotFoundException("no user " + username));
    }
}
