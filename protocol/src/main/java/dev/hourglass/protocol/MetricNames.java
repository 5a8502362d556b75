package dev.hourglass.protocol;

/**
 * The names of the series a job's rank 0 writes and the control plane stores, charts and serves: what the trainer,
 * the job page and the benchmarks agree on. A model's own quantities go under {@link #training} and
 * {@link #validation} ({@code train.loss_mask}, {@code val.top1_error}).
 */
public final class MetricNames {

    /** Every replica's minibatch loss, the mean over the job's kn images. */
    public static final String LOSS = "loss";
    /** The share of images whose highest-scoring class is wrong. */
    public static final String TOP1_ERROR = "top1_error";

    public static final String TRAIN_LOSS = training(LOSS);
    public static final String TRAIN_TOP1_ERROR = training(TOP1_ERROR);
    public static final String VAL_TOP1_ERROR = validation(TOP1_ERROR);
    /** COCO box AP over IoU 0.5:0.95 on the validation split; with suffix 50 and 75 at one threshold. */
    public static final String VAL_BOX_AP = validation("box_ap");
    /** COCO mask AP over IoU 0.5:0.95 on the validation split; with suffix 50 and 75 at one threshold. */
    public static final String VAL_MASK_AP = validation("mask_ap");
    public static final String VAL_BOX_AP50 = VAL_BOX_AP + "50";
    public static final String VAL_MASK_AP50 = VAL_MASK_AP + "50";

    /** The learning rate the iteration applied. */
    public static final String LEARNING_RATE = "lr";
    public static final String IMAGES_PER_SECOND = "images_per_s";
    public static final String ITERATION_SECONDS = "iteration_s";
    public static final String DATA_SECONDS = "data_s";
    public static final String COMPUTE_SECONDS = "compute_s";
    public static final String ALLREDUCE_SECONDS = "allreduce_s";
    public static final String UPDATE_SECONDS = "update_s";

    private MetricNames() {
    }

    /** A quantity measured on the training minibatches, e.g. {@code train.loss}. */
    public static String training(String quantity) {
        return "train." + quantity;
    }

    /** A quantity measured on the validation split at the end of an epoch, e.g. {@code val.top1_error}. */
    public static String validation(String quantity) {
        return "val." + quantity;
    }
}
