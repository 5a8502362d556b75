package dev.hourglass.backend.jobs;

import dev.hourglass.protocol.MetricNames;

/** The series each chart of a job's page draws, comma-joined as its canvas's {@code data-series} names them. */
public record ChartSeries(String loss, String top1Error, String ap, String learningRate, String throughput,
                          String time) {

    static final ChartSeries OF_A_JOB = new ChartSeries(MetricNames.TRAIN_LOSS,
            String.join(",", MetricNames.TRAIN_TOP1_ERROR, MetricNames.VAL_TOP1_ERROR),
            String.join(",", MetricNames.VAL_BOX_AP, MetricNames.VAL_MASK_AP), MetricNames.LEARNING_RATE,
            MetricNames.IMAGES_PER_SECOND, String.join(",", MetricNames.ITERATION_SECONDS,
            MetricNames.ALLREDUCE_SECONDS));
}
