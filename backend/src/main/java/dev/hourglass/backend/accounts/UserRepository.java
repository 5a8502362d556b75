package dev.hourglass.backend.accounts;

import dev.hourglass.backend.security.Role;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface UserRepository extends JpaRepository<UserAccount, Long> {

    Optional<UserAccount> findByUsername(String username);

    boolean existsByRole(Role role);

    List<UserAccount> findByTeamIdOrderByUsername(Long teamId);

    List<UserAccount> findAllByOrderByUsername();
}
