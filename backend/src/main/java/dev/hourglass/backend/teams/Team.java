package dev.hourglass.backend.teams;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "teams")
public class Team {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private String name;

    @Column(name = "quota_gpus", nullable = false)
    private int quotaGpus;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    protected Team() {
    }

    public Team(String name, int quotaGpus) {
        this.name = name;
        this.quotaGpus = quotaGpus;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public int getQuotaGpus() {
        return quotaGpus;
    }

    public void setQuotaGpus(int quotaGpus) {
        this.quotaGpus = quotaGpus;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
