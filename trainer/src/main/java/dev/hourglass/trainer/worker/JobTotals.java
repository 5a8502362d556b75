package dev.hourglass.trainer.worker;

import dev.hourglass.collective.Allreduce;
import dev.hourglass.trainer.replica.BatchResult;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sums a few numbers over every rank of the job: the replicas' batch results, the ranks' newest checkpoints. */
public final class JobTotals {

    private final Allreduce acrossRanks;
    private final CollectiveWatchdog watchdog;
    private final int rank;
    private final int ranks;
    private FloatBuffer buffer;

    JobTotals(Allreduce acrossRanks, CollectiveWatchdog watchdog, int rank, int ranks) {
        this.acrossRanks = acrossRanks;
        this.watchdog = watchdog;
        this.rank = rank;
        this.ranks = ranks;
        this.buffer = allocate(Math.max(8, ranks));
    }

    /** This rank's replicas' results, summed over every rank (each sum in float, as the allreduce adds). */
    BatchResult sum(List<BatchResult> local, String what, long iteration) {
        BatchResult mine = local.get(0);
        for (BatchResult result : local.subList(1, local.size())) {
            mine = mine.plus(result);
        }
        List<String> names = new ArrayList<>(mine.sums().keySet());
        FloatBuffer values = room(names.size() + 1);
        values.put(0, mine.examples());
        for (int i = 0; i < names.size(); i++) {
            values.put(i + 1, mine.sums().get(names.get(i)).floatValue());
        }
        watchdog.guard(what, iteration, () -> acrossRanks.sum(values, names.size() + 1));
        Map<String, Double> total = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            total.put(names.get(i), (double) values.get(i + 1));
        }
        return new BatchResult(Math.round(values.get(0)), total);
    }

    /** Every rank's {@code mine}, by rank (each in its own slot; exact in float up to 2^24). */
    long[] gather(long mine, String what) {
        FloatBuffer values = room(ranks);
        for (int r = 0; r < ranks; r++) {
            values.put(r, r == rank ? mine : 0);
        }
        watchdog.guard(what, 0, () -> acrossRanks.sum(values, ranks));
        long[] all = new long[ranks];
        for (int r = 0; r < ranks; r++) {
            all[r] = (long) values.get(r);
        }
        return all;
    }

    private FloatBuffer room(int floats) {
        if (buffer.capacity() < floats) {
            buffer = allocate(floats);
        }
        return buffer;
    }

    private static FloatBuffer allocate(int floats) {
        return ByteBuffer.allocateDirect(Float.BYTES * floats).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
