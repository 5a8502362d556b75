package dev.hourglass.backend.teams;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface TeamRepository extends JpaRepository<Team, Long> {

    // A JPQL string, not a derived query: Hibernate caches its plan instead of translating it on every call.
    @Query("select t from Team t where t.name = :name")
    Optional<Team> findByName(@Param("name") String name);
}
