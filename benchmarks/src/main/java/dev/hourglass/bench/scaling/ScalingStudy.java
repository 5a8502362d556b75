package dev.hourglass.bench.scaling;

import java.util.ArrayList;
import java.util.List;

/**
 * The paper's minibatch-scaling experiment at small scale: one small ResNet trained for a fixed number of epochs at
 * a small-batch baseline of {@code baselineKn} images (eta = {@code baselineLr}) and at {@code multiples} of that
 * minibatch, always {@code perGpuBatch} images per device (the paper keeps n fixed so that batch normalisation
 * sees the same batch), each setting {@code seeds} times.
 *
 * @param dataset       {@code generated}, or an ImageNet-layout folder on this machine
 * @param datasetSize   training images of a folder dataset; null for the generated set, whose size the recipe knows
 * @param warmupEpochs  gradual warmup's length at every large minibatch
 */
record ScalingStudy(String model, String dataset, Long datasetSize, int perGpuBatch, int baselineKn,
                    double baselineLr, List<Integer> multiples, int epochs, double warmupEpochs, int seeds) {

    static final String GENERATED = "generated";

    ScalingStudy {
        multiples = List.copyOf(multiples);
        if (multiples.isEmpty()) {
            throw new IllegalArgumentException("a scaling study needs at least one multiple of the baseline minibatch");
        }
        if (baselineKn % perGpuBatch != 0) {
            throw new IllegalArgumentException("the baseline kn=" + baselineKn + " is not a multiple of n=" + perGpuBatch);
        }
    }

    /** About 45 minutes on a 2-core machine: kn = 8 against 64, 128 and 256, 4 epochs of the generated set, 3 seeds. */
    static ScalingStudy standard() {
        return new ScalingStudy("resnet8", GENERATED, null, 8, 8, 0.05, List.of(8, 16, 32), 4, 0.5, 3);
    }

    /** A few minutes: the same settings, 2 epochs, 1 seed. */
    static ScalingStudy quick() {
        return standard().withEpochs(2).withSeeds(1);
    }

    ScalingStudy withEpochs(int value) {
        return new ScalingStudy(model, dataset, datasetSize, perGpuBatch, baselineKn, baselineLr, multiples, value,
                Math.min(warmupEpochs, value), seeds);
    }

    ScalingStudy withSeeds(int value) {
        return new ScalingStudy(model, dataset, datasetSize, perGpuBatch, baselineKn, baselineLr, multiples, epochs,
                warmupEpochs, value);
    }

    ScalingStudy withBaselineLr(double value) {
        return new ScalingStudy(model, dataset, datasetSize, perGpuBatch, baselineKn, value, multiples, epochs,
                warmupEpochs, seeds);
    }

    ScalingStudy withWarmupEpochs(double value) {
        return new ScalingStudy(model, dataset, datasetSize, perGpuBatch, baselineKn, baselineLr, multiples, epochs,
                value, seeds);
    }

    ScalingStudy withDataset(String folder, long trainingImages) {
        return new ScalingStudy(model, folder, trainingImages, perGpuBatch, baselineKn, baselineLr, multiples, epochs,
                warmupEpochs, seeds);
    }

    int largestMultiple() {
        return multiples.get(multiples.size() - 1);
    }

    /**
     * The settings in the order of the paper's table: the baseline, linear scaling with gradual warmup at every
     * multiple, then the ablations at the largest one: no scaling, sqrt scaling and linear scaling with no warmup.
     */
    List<Arm> arms() {
        List<Arm> arms = new ArrayList<>();
        arms.add(new Arm(Rule.BASELINE, 1, baselineKn));
        for (int multiple : multiples) {
            arms.add(new Arm(Rule.LINEAR_GRADUAL_WARMUP, multiple, baselineKn * multiple));
        }
        int largest = largestMultiple();
        for (Rule ablation : List.of(Rule.NO_SCALING, Rule.SQRT_SCALING, Rule.LINEAR_NO_WARMUP)) {
            arms.add(new Arm(ablation, largest, baselineKn * largest));
        }
        return arms;
    }

    /** The GPUs (devices) the largest setting takes, and so the agents' 8-device nodes the study needs. */
    int largestK() {
        return baselineKn * largestMultiple() / perGpuBatch;
    }

    int nodesNeeded() {
        return Math.max(1, (largestK() + 7) / 8);
    }

    /** How the peak rate and warmup follow the minibatch: the rows of the paper's table. */
    enum Rule {
        BASELINE("baseline", "LINEAR", "GRADUAL"),
        LINEAR_GRADUAL_WARMUP("linear + gradual warmup", "LINEAR", "GRADUAL"),
        NO_SCALING("no scaling", "NONE", "GRADUAL"),
        SQRT_SCALING("sqrt(k) scaling", "SQRT", "GRADUAL"),
        LINEAR_NO_WARMUP("linear, no warmup", "LINEAR", "NONE");

        final String label;
        final String scaling;
        final String warmup;

        Rule(String label, String scaling, String warmup) {
            this.label = label;
            this.scaling = scaling;
            this.warmup = warmup;
        }
    }

    /** One setting of the study: a rule at a multiple of the baseline minibatch. */
    record Arm(Rule rule, int multiple, int kn) {

        String label() {
            return rule == Rule.BASELINE ? "baseline kn=" + kn : rule.label + " kn=" + kn;
        }

        String slug() {
            return rule.name().toLowerCase().replace('_', '-') + "-" + kn;
        }
    }
}
