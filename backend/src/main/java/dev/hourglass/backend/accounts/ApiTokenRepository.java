package dev.hourglass.backend.accounts;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ApiTokenRepository extends JpaRepository<ApiToken, Long> {

    List<ApiToken> findByUserIdOrderById(Long userId);

    Optional<ApiToken> findByTokenHash(String tokenHash);
}
