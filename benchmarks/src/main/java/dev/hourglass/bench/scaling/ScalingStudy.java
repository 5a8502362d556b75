package dev.hourglass.bench.scaling;

import dev.hourglass.recipe.BuiltInDataset;
import dev.hourglass.recipe.PaperRegime;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The paper's minibatch-scaling experiment at small scale, in the paper's regime: one small ResNet trained for a
 * fixed number of epochs at a small-minibatch baseline of {@code baselineKn} images (eta = {@code baselineLr}) and at
 * multiples of it, always {@code perGpuBatch} images per device (the paper keeps n fixed, so that batch normalisation
 * sees the same batch at every kn). It runs in three rounds:
 * <ol>
 *   <li>the claim: the baseline and linear scaling with gradual warmup at {@code claimMultiple} (the paper's 8x),
 *       {@code seeds} seeds each, paired by seed;</li>
 *   <li>the sweep (the paper's Figure 1): linear scaling with gradual warmup at every multiple of
 *       {@code sweepMultiples} above the claim's, one seed each, up to where accuracy breaks;</li>
 *   <li>the ablations (Table 2c) at the largest multiple that held: no scaling, sqrt scaling, no warmup and
 *       constant warmup, {@code ablationSeeds} seeds each, with linear scaling topped up to as many seeds there.</li>
 * </ol>
 * Warmup lasts what the recipe gives a run of this length: the paper's 5 of 90 epochs.
 *
 * @param dataset     a built-in set the control plane knows, or an ImageNet-layout folder on this machine
 * @param datasetSize the training images (the recipe's N)
 */
record ScalingStudy(String model, String dataset, long datasetSize, int perGpuBatch, int baselineKn,
                    double baselineLr, int claimMultiple, List<Integer> sweepMultiples, int epochs, int seeds,
                    int ablationSeeds) {

    /** The built-in set large enough for the paper's regime: 16,384 training images of 8 classes. */
    /** The paper's claim is about 8x its 256-image baseline (and up to 32x, 8k). */
    static final int PAPERS_MULTIPLE = 8;

    ScalingStudy {
        sweepMultiples = List.copyOf(sweepMultiples);
        if (baselineKn % perGpuBatch != 0) {
            throw new IllegalArgumentException("the baseline kn=" + baselineKn + " is not a multiple of n="
                    + perGpuBatch);
        }
        if (sweepMultiples.stream().anyMatch(multiple -> multiple <= claimMultiple)) {
            throw new IllegalArgumentException("the sweep's multiples " + sweepMultiples + " must all be above the"
                    + " claim's " + claimMultiple + "x");
        }
        if (seeds < 1 || ablationSeeds < 1 || epochs < 1) {
            throw new IllegalArgumentException("a study needs at least one seed and one epoch");
        }
    }

    /**
     * 12 epochs of generated-16k (the first step decay after 512 iterations at 8x): kn = 16 against 128 (8x, kn/N =
     * 1/128, 128 iterations per epoch) with 3 seeds; the sweep from 16x until a multiple misses; the ablations with
     * one seed each.
     */
    static ScalingStudy standard() {
        return new ScalingStudy("resnet8", BuiltInDataset.GENERATED_16K.id(), BuiltInDataset.GENERATED_16K.trainImages(), 16, 16, 0.1,
                PAPERS_MULTIPLE, List.of(16, 32, 64), 12, 3, 1);
    }

    /** The claim only (baseline and 8x), one seed, 6 epochs: under 20 minutes on a 2-core machine. */
    static ScalingStudy quick() {
        return standard().withSeeds(1).withSweep(List.of()).withEpochs(6);
    }

    ScalingStudy withEpochs(int value) {
        return new ScalingStudy(model, dataset, datasetSize, perGpuBatch, baselineKn, baselineLr, claimMultiple,
                sweepMultiples, value, seeds, ablationSeeds);
    }

    ScalingStudy withSeeds(int value) {
        return new ScalingStudy(model, dataset, datasetSize, perGpuBatch, baselineKn, baselineLr, claimMultiple,
                sweepMultiples, epochs, value, Math.min(value, ablationSeeds));
    }

    /** Seeds of each ablation, and of linear scaling beside them; at least 1. */
    ScalingStudy withAblationSeeds(int value) {
        return new ScalingStudy(model, dataset, datasetSize, perGpuBatch, baselineKn, baselineLr, claimMultiple,
                sweepMultiples, epochs, seeds, value);
    }

    ScalingStudy withBaselineLr(double value) {
        return new ScalingStudy(model, dataset, datasetSize, perGpuBatch, baselineKn, value, claimMultiple,
                sweepMultiples, epochs, seeds, ablationSeeds);
    }

    ScalingStudy withSweep(List<Integer> multiples) {
        return new ScalingStudy(model, dataset, datasetSize, perGpuBatch, baselineKn, baselineLr, claimMultiple,
                multiples, epochs, seeds, ablationSeeds);
    }

    ScalingStudy withDataset(String folder, long trainingImages) {
        return new ScalingStudy(model, folder, trainingImages, perGpuBatch, baselineKn, baselineLr, claimMultiple,
                sweepMultiples, epochs, seeds, ablationSeeds);
    }

    /** Round 1 trains the baseline and linear scaling with gradual warmup at the claim's multiple. */
    Arm baseline() {
        return new Arm(Rule.BASELINE, 1, baselineKn);
    }

    /** Round 2: linear scaling with gradual warmup at every multiple of the sweep. */
    List<Arm> sweepArms() {
        return sweepMultiples.stream().map(this::linear).toList();
    }

    /** Round 3: the paper's ablations at {@code multiple}. */
    List<Arm> ablationArms(int multiple) {
        return Stream.of(Rule.NO_SCALING, Rule.SQRT_SCALING, Rule.LINEAR_NO_WARMUP, Rule.LINEAR_CONSTANT_WARMUP)
                .map(rule -> new Arm(rule, multiple, baselineKn * multiple)).toList();
    }

    Arm linear(int multiple) {
        return new Arm(Rule.LINEAR_GRADUAL_WARMUP, multiple, baselineKn * multiple);
    }

    /** Every multiple linear scaling is trained at, the claim's first. */
    List<Integer> multiples() {
        return Stream.concat(Stream.of(claimMultiple), sweepMultiples.stream()).toList();
    }

    int largestMultiple() {
        return multiples().stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    /** kn/N at a multiple of the baseline: the paper's regime keeps it at or below 1/156 where accuracy holds. */
    double fractionOfDataset(int multiple) {
        return (double) baselineKn * multiple / datasetSize;
    }

    long iterationsPerEpoch(int multiple) {
        return datasetSize / ((long) baselineKn * multiple);
    }

    /** "1/128" for kn/N. */
    String fractionLabel(int multiple) {
        return PaperRegime.fraction(fractionOfDataset(multiple));
    }

    /** The GPUs (devices) the largest setting takes, and so the agents' 8-device nodes the study needs. */
    int largestK() {
        return baselineKn * largestMultiple() / perGpuBatch;
    }

    int nodesNeeded() {
        return Math.max(1, (largestK() + 7) / 8);
    }

    /** How the peak rate and warmup follow the minibatch: the rows of the paper's Table 2c. */
    enum Rule {
        BASELINE("baseline", "LINEAR", "GRADUAL"),
        LINEAR_GRADUAL_WARMUP("linear + gradual warmup", "LINEAR", "GRADUAL"),
        NO_SCALING("no scaling", "NONE", "GRADUAL"),
        SQRT_SCALING("sqrt(k) scaling", "SQRT", "GRADUAL"),
        LINEAR_NO_WARMUP("linear, no warmup", "LINEAR", "NONE"),
        LINEAR_CONSTANT_WARMUP("linear, constant warmup", "LINEAR", "CONSTANT");

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
            return rule.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + kn;
        }
    }
}
