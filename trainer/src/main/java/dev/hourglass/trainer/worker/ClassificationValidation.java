package dev.hourglass.trainer.worker;

import dev.hourglass.protocol.MetricNames;
import dev.hourglass.trainer.data.ImageBatchLoader.Batch;
import dev.hourglass.trainer.data.ReplicaBatches;
import dev.hourglass.trainer.replica.BatchResult;
import dev.hourglass.trainer.replica.Dl4jReplica;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A classifier's validation loss and top-1 error: every replica of the job evaluates its own share of the split
 * ({@link ReplicaBatches#validation}) and the counts are summed over the job.
 */
final class ClassificationValidation implements EpochValidation {

    private static final String ALLREDUCE = "the validation allreduce";

    private final List<Dl4jReplica> replicas;
    private final ReplicaThreads threads;
    private final ReplicaBatches data;
    private final int firstReplica;
    private final JobTotals totals;

    ClassificationValidation(List<Dl4jReplica> replicas, ReplicaThreads threads, ReplicaBatches data,
                             int firstReplica, JobTotals totals) {
        this.replicas = List.copyOf(replicas);
        this.threads = threads;
        this.data = data;
        this.firstReplica = firstReplica;
        this.totals = totals;
    }

    @Override
    public Result validate(long iteration) {
        List<BatchResult> results = threads.onEach(r -> {
            BatchResult sum = BatchResult.classification(0, 0, 0);
            for (Batch batch : data.validation(firstReplica + r)) {
                sum = sum.plus(replicas.get(r).evaluate(batch));
            }
            return sum;
        });
        BatchResult total = totals.sum(results, ALLREDUCE, iteration);
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (total.examples() > 0) {
            total.means().forEach((name, mean) -> metrics.put(MetricNames.validation(name), mean));
        }
        return new Result(metrics, String.format("validation top-1 error %.3f over %d images",
                (double) total.mistakes() / Math.max(1, total.examples()), total.examples()));
    }
}
