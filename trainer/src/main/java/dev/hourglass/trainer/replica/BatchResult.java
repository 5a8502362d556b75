package dev.hourglass.trainer.replica;

import dev.hourglass.protocol.MetricNames;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A minibatch's outcome on one replica: its examples and, by series name, sums over them of what the trainer reports
 * per example ({@value MetricNames#LOSS} always; a ResNet adds {@value MetricNames#TOP1_ERROR}, counting mistakes;
 * Mask R-CNN its loss terms). The trainer sums these over the job and writes {@code train.<name>} or {@code val.<name>} as sum / examples.
 * Every replica of a job gives the same names in the same order.
 */
public record BatchResult(int examples, Map<String, Double> sums) {

    public BatchResult {
        if (!sums.containsKey(MetricNames.LOSS)) {
            throw new IllegalArgumentException("a batch result needs the '" + MetricNames.LOSS + "' sum, got "
                    + sums.keySet());
        }
        sums = Collections.unmodifiableMap(new LinkedHashMap<>(sums));
    }

    /** A classifier's: the sum of each example's cross-entropy and how many top-1 predictions were wrong. */
    public static BatchResult classification(double lossSum, int mistakes, int examples) {
        Map<String, Double> sums = new LinkedHashMap<>();
        sums.put(MetricNames.LOSS, lossSum);
        sums.put(MetricNames.TOP1_ERROR, (double) mistakes);
        return new BatchResult(examples, sums);
    }

    /** Wrong top-1 predictions; 0 where the model is no classifier. */
    public int mistakes() {
        return (int) Math.round(sums.getOrDefault(MetricNames.TOP1_ERROR, 0.0));
    }

    /** Each sum's mean per example. */
    public Map<String, Double> means() {
        Map<String, Double> means = new LinkedHashMap<>();
        sums.forEach((name, sum) -> means.put(name, examples == 0 ? 0.0 : sum / examples));
        return means;
    }

    /** Both results' sums added name by name. */
    public BatchResult plus(BatchResult other) {
        if (!other.sums.keySet().equals(sums.keySet())) {
            throw new IllegalArgumentException("results with sums " + sums.keySet() + " and " + other.sums.keySet()
                    + " cannot be added");
        }
        Map<String, Double> total = new LinkedHashMap<>(sums);
        other.sums.forEach((name, sum) -> total.merge(name, sum, Double::sum));
        return new BatchResult(examples + other.examples, total);
    }
}
