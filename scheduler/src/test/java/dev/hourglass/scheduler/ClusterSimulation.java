package dev.hourglass.scheduler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A cluster run over several scheduling passes: placed jobs run for a given number of passes, then free
 * their GPUs; tests submit new jobs between passes. What the backend does around the scheduler, in small.
 */
final class ClusterSimulation {

    private record Running(long jobId, List<GpuSlot> gpus, int endsAtPass) {
    }

    private final Map<String, TreeSet<Integer>> freeGpusByNode = new LinkedHashMap<>();
    private final List<QueuedJob> queue = new ArrayList<>();
    private final Map<Long, Integer> durations = new HashMap<>();
    private final List<Running> running = new ArrayList<>();
    private final Map<Long, Integer> startedAtPass = new HashMap<>();
    private final String team;
    private long nextId = 1;
    private int pass;

    /** {@code nodes} 8-GPU nodes named node-01, node-02, ..., all jobs from one team with ample quota. */
    ClusterSimulation(int nodes, String team) {
        this.team = team;
        for (int i = 1; i <= nodes; i++) {
            freeGpusByNode.put(String.format("node-%02d", i),
                    IntStream.range(0, 8).boxed().collect(Collectors.toCollection(TreeSet::new)));
        }
    }

    /** A job already running before the first pass, on the lowest free GPUs of the node, ending before pass {@code endsAtPass}. */
    void alreadyRunning(String node, int gpus, int endsAtPass) {
        TreeSet<Integer> free = freeGpusByNode.get(node);
        List<GpuSlot> slots = new ArrayList<>();
        for (int i = 0; i < gpus; i++) {
            slots.add(new GpuSlot(node, free.pollFirst()));
        }
        running.add(new Running(nextId++, slots, endsAtPass));
    }

    long submit(int gpus, int runsForPasses) {
        long id = nextId++;
        queue.add(new QueuedJob(id, team, gpus, 0, id));
        durations.put(id, runsForPasses);
        return id;
    }

    /** Frees the GPUs of jobs that have ended, then schedules and starts what the decision places. */
    SchedulingDecision runPass(Backfill backfill) {
        pass++;
        finishEndedJobs();
        SchedulingDecision decision = GangScheduler.schedule(snapshot(), backfill);
        for (Placement placement : decision.placements()) {
            start(placement);
        }
        return decision;
    }

    Optional<Integer> startedAtPass(long jobId) {
        return Optional.ofNullable(startedAtPass.get(jobId));
    }

    /** Jobs submitted after {@code jobId} that started while it was still waiting. */
    long overtook(long jobId) {
        int startOfJob = startedAtPass.getOrDefault(jobId, Integer.MAX_VALUE);
        return startedAtPass.entrySet().stream()
                .filter(entry -> entry.getKey() > jobId && entry.getValue() < startOfJob)
                .count();
    }

    int queued() {
        return queue.size();
    }

    private void finishEndedJobs() {
        running.removeIf(job -> {
            if (job.endsAtPass() > pass) {
                return false;
            }
            job.gpus().forEach(slot -> freeGpusByNode.get(slot.node()).add(slot.gpu()));
            return true;
        });
    }

    private ClusterSnapshot snapshot() {
        List<NodeCapacity> nodes = freeGpusByNode.entrySet().stream()
                .map(node -> new NodeCapacity(node.getKey(), 8, node.getValue(), true))
                .toList();
        int inUse = running.stream().mapToInt(job -> job.gpus().size()).sum();
        return new ClusterSnapshot(nodes, List.of(new TeamQuota(team, 1_000_000, inUse)), queue);
    }

    private void start(Placement placement) {
        QueuedJob job = queue.stream().filter(queued -> queued.id() == placement.jobId()).findFirst().orElseThrow();
        queue.remove(job);
        for (GpuSlot slot : placement.gpus()) {
            if (!freeGpusByNode.get(slot.node()).remove(slot.gpu())) {
                throw new AssertionError("pass " + pass + " placed job " + job.id() + " on busy GPU " + slot);
            }
        }
        running.add(new Running(job.id(), placement.gpus(), pass + durations.get(job.id())));
        startedAtPass.put(job.id(), pass);
    }
}
