package dev.hourglass.scheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One walk over the queue in scheduling order; holds the state that changes as jobs are placed. */
final class SchedulingPass {

    private final NodePool pool;
    private final QuotaLedger quotas;
    private final List<QueuedJob> queue;
    private final Backfill backfill;

    private final List<Placement> placements = new ArrayList<>();
    private final Map<Long, WaitReason> waiting = new LinkedHashMap<>();
    private Reservation reservation;
    /** The same sentence for every job that fits only on the held nodes, so it is built once. */
    private WaitReason heldForReservation;

    SchedulingPass(ClusterSnapshot snapshot, Backfill backfill) {
        this.pool = new NodePool(snapshot.nodes());
        this.quotas = new QuotaLedger(snapshot.teams());
        this.queue = snapshot.queue().stream().sorted(JobOrder.SCHEDULING).toList();
        this.backfill = backfill;
    }

    SchedulingDecision run() {
        for (QueuedJob job : queue) {
            consider(job);
        }
        return new SchedulingDecision(placements, waiting);
    }

    private void consider(QueuedJob job) {
        // A job the cluster can never hold must not take a reservation: it would block everyone forever.
        if (!pool.couldEverHold(job)) {
            waiting.put(job.id(), WaitReasons.clusterTooSmall(job, pool));
            return;
        }
        // Checked before capacity so that a job over quota never holds nodes other teams could use.
        if (!quotas.allows(job)) {
            waiting.put(job.id(), quotas.refusal(job));
            return;
        }
        Optional<List<GpuSlot>> slots = pool.tryPlace(job);
        if (slots.isPresent()) {
            quotas.charge(job);
            placements.add(new Placement(job.id(), slots.get()));
            return;
        }
        waiting.put(job.id(), blocked(job));
    }

    private WaitReason blocked(QueuedJob job) {
        if (reservation == null && backfill == Backfill.RESERVE_FOR_HEAD) {
            reservation = new Reservation(job, pool.reserveFor(job));
            heldForReservation = WaitReasons.heldFor(reservation);
            return WaitReasons.shortage(job, pool, reservation.nodes());
        }
        if (reservation != null && pool.fitsCountingReserved(job)) {
            return heldForReservation;
        }
        return WaitReasons.shortage(job, pool, List.of());
    }
}
