package dev.hourglass.backend.nodes;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface NodeRepository extends JpaRepository<Node, Long> {

    @Query("select n from Node n where n.name = :name")
    Optional<Node> findByName(@Param("name") String name);

    List<Node> findAllByOrderByName();
}
