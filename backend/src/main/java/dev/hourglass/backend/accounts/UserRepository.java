package dev.hourglass.backend.accounts;

import dev.hourglass.backend.security.Role;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface UserRepository extends JpaRepository<UserAccount, Long> {

    @Query("select u from UserAccount u left join fetch u.team where u.username = :username")
    Optional<UserAccount> findByUsername(@Param("username") String username);

    boolean existsByRole(Role role);

    List<UserAccount> findByTeamIdOrderByUsername(Long teamId);

    List<UserAccount> findAllByOrderByUsername();
}
