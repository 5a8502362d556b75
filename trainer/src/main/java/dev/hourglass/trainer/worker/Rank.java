package dev.hourglass.trainer.worker;

import dev.hourglass.protocol.Assignment;
import dev.hourglass.protocol.WorkerSpec;
import dev.hourglass.recipe.RecipePlan;
import dev.hourglass.trainer.engine.ComputeDevices;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * One rank of a job as the worker starts it: the job, its recipe, the devices, this rank's place among the
 * job's ranks and replicas, where it reports, and how it stops the whole job when a collective hangs.
 *
 * @param firstReplica the job-wide index of this rank's first replica
 * @param failNow      ends the process at once with the reason, for a failure no exception can carry
 */
public record Rank(WorkerSpec spec, RecipePlan plan, ComputeDevices devices, int index, int count, int firstReplica,
                   PrintStream out, Consumer<String> failNow) {

    /** This rank's node: its name, address and the devices its replicas run on. */
    public Assignment.AssignedNode node() {
        return spec.nodes().get(index);
    }

    /** Rank 0 reports: its metrics file and its lines reach the job's page. */
    public boolean reports() {
        return index == 0;
    }
}
