package dev.hourglass.backend.accounts;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ApiTokenRepository extends JpaRepository<ApiToken, Long> {

    List<ApiToken> findByUserIdOrderById(Long userId);

    @Query("select k from ApiToken k where k.tokenHash = :hash")
    Optional<ApiToken> findByTokenHash(@Param("hash") String tokenHash);
}
