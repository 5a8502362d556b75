package dev.hourglass.recipe;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Validates a {@link RecipeRequest} and derives its {@link RecipePlan}; the one place the paper's rules meet. */
public final class RecipePlanner {

    public static final int MAX_KN = 1 << 20;
    public static final int MAX_PER_GPU_BATCH = 4096;
    public static final int MAX_EPOCHS = 10_000;
    public static final long MAX_DATASET_SIZE = 10_000_000_000L;
    public static final double MAX_BASE_LR = 100.0;
    public static final double MOMENTUM = 0.9;
    public static final double WEIGHT_DECAY = 1e-4;

    private RecipePlanner() {
    }

    /**
     * @throws InvalidRecipeException listing every field that is wrong and what would be right
     */
    public static RecipePlan plan(RecipeRequest request) {
        Objects.requireNonNull(request, "request");
        RecipeOverrides overrides = request.overrides() == null ? RecipeOverrides.none() : request.overrides();
        List<Violation> violations = new ArrayList<>();

        ModelSpec model = ModelCatalog.find(request.model()).orElse(null);
        if (model == null) {
            String known = String.join(", ", ModelCatalog.names());
            violations.add(new Violation("model", request.model() == null || request.model().isBlank()
                    ? "model is required; known models: " + known
                    : "unknown model '" + request.model() + "'; known models: " + known));
        }
        FamilyRules rules = model == null ? null : FamilyRules.of(model.family());

        Integer kn = request.kn();
        if (kn == null) {
            violations.add(new Violation("kn", "kn is required: the total minibatch over all GPUs, e.g. 8192"));
        } else if (kn <= 0) {
            violations.add(new Violation("kn", "kn=" + kn + " must be positive"));
        } else if (kn > MAX_KN) {
            violations.add(new Violation("kn", "kn=" + kn + " is above the limit of " + MAX_KN + " (2^20)"));
        }

        Integer n = request.perGpuBatch() != null ? request.perGpuBatch()
                : rules != null ? Integer.valueOf(rules.defaultPerGpuBatch()) : null;
        if (n != null && n <= 0) {
            violations.add(new Violation("perGpuBatch", "perGpuBatch=" + n + " must be positive"));
        } else if (n != null && n > MAX_PER_GPU_BATCH) {
            violations.add(new Violation("perGpuBatch",
                    "perGpuBatch=" + n + " is above the limit of " + MAX_PER_GPU_BATCH));
        }
        boolean sizesValid = violations.stream().noneMatch(v -> v.field().equals("kn") || v.field().equals("perGpuBatch"));
        if (sizesValid && kn != null && n != null) {
            if (kn % n != 0) {
                violations.add(new Violation("kn", "kn=" + kn + " is not a multiple of perGpuBatch=" + n));
            } else {
                int k = kn / n;
                if (k > RecipePlan.GPUS_PER_NODE && k % RecipePlan.GPUS_PER_NODE != 0) {
                    int below = k / RecipePlan.GPUS_PER_NODE * RecipePlan.GPUS_PER_NODE;
                    int above = below + RecipePlan.GPUS_PER_NODE;
                    violations.add(new Violation("kn", "kn=" + kn + " with perGpuBatch=" + n + " needs k=" + k
                            + " GPUs; a job above " + RecipePlan.GPUS_PER_NODE + " GPUs takes whole "
                            + RecipePlan.GPUS_PER_NODE + "-GPU nodes, so k must be a multiple of "
                            + RecipePlan.GPUS_PER_NODE + ": try kn=" + (long) below * n + " (" + below
                            + " GPUs) or kn=" + (long) above * n + " (" + above + " GPUs)"));
                }
            }
        }

        Integer epochs = request.epochs();
        if (epochs != null && (epochs <= 0 || epochs > MAX_EPOCHS)) {
            violations.add(new Violation("epochs", "epochs=" + epochs + " must be between 1 and " + MAX_EPOCHS));
        }

        Long datasetSize = request.datasetSize() != null ? request.datasetSize()
                : model != null ? Long.valueOf(model.defaultDatasetSize()) : null;
        if (datasetSize != null && (datasetSize <= 0 || datasetSize > MAX_DATASET_SIZE)) {
            violations.add(new Violation("datasetSize",
                    "datasetSize=" + datasetSize + " must be between 1 and " + MAX_DATASET_SIZE));
        } else if (datasetSize != null && sizesValid && kn != null && datasetSize < kn) {
            violations.add(new Violation("datasetSize", "datasetSize=" + datasetSize
                    + " is smaller than one minibatch kn=" + kn + ": an epoch would have no iteration"));
        }

        validateOverrides(overrides, epochs, violations);
        if (!violations.isEmpty()) {
            throw new InvalidRecipeException(violations);
        }
        return derive(model, rules, kn, n, epochs, datasetSize, overrides);
    }

    private static void validateOverrides(RecipeOverrides overrides, Integer epochs, List<Violation> violations) {
        Double baseLr = overrides.baseLr();
        if (baseLr != null && !(baseLr > 0 && baseLr <= MAX_BASE_LR)) {
            violations.add(new Violation("overrides.baseLr",
                    "baseLr=" + baseLr + " must be above 0 and at most " + MAX_BASE_LR));
        }
        Double warmupEpochs = overrides.warmupEpochs();
        if (warmupEpochs != null && !(warmupEpochs >= 0 && warmupEpochs <= MAX_EPOCHS)) {
            violations.add(new Violation("overrides.warmupEpochs",
                    "warmupEpochs=" + warmupEpochs + " must be between 0 and " + MAX_EPOCHS));
        } else if (warmupEpochs != null && epochs != null && warmupEpochs > epochs) {
            violations.add(new Violation("overrides.warmupEpochs",
                    "warmupEpochs=" + warmupEpochs + " is longer than the run's epochs=" + epochs));
        }
        Long warmupIterations = overrides.warmupIterations();
        if (warmupIterations != null && warmupIterations < 0) {
            violations.add(new Violation("overrides.warmupIterations",
                    "warmupIterations=" + warmupIterations + " must be at least 0"));
        }
        Integer referenceBatch = overrides.referenceBatch();
        if (referenceBatch != null && !(referenceBatch >= 1 && referenceBatch <= MAX_KN)) {
            violations.add(new Violation("overrides.referenceBatch",
                    "referenceBatch=" + referenceBatch + " must be between 1 and " + MAX_KN));
        }
    }

    private static RecipePlan derive(ModelSpec model, FamilyRules rules, int kn, int n, Integer epochsOverride,
                                     long datasetSize, RecipeOverrides overrides) {
        int k = kn / n;
        int nodes = (k + RecipePlan.GPUS_PER_NODE - 1) / RecipePlan.GPUS_PER_NODE;
        long itersPerEpoch = datasetSize / kn;
        TrainingLength length = rules.length(kn, datasetSize, itersPerEpoch, epochsOverride);

        double baseLr = overrides.baseLr() != null ? overrides.baseLr() : rules.referenceLr();
        LearningRateScaling scaling = overrides.scaling() != null ? overrides.scaling() : LearningRateScaling.LINEAR;
        int referenceBatch = overrides.referenceBatch() != null ? overrides.referenceBatch() : rules.referenceBatch();
        // Linear scaling rule (Section 2.1): eta = baseLr * kn / referenceBatch.
        double peakLr = SignificantDigits.round(baseLr * scaling.factor((double) kn / referenceBatch));

        WarmupKind warmupKind = overrides.warmup() != null ? overrides.warmup() : WarmupKind.GRADUAL;
        long warmupIterations = warmupKind == WarmupKind.NONE ? 0
                : overrides.warmupIterations() != null ? overrides.warmupIterations()
                : overrides.warmupEpochs() != null ? Math.round(overrides.warmupEpochs() * itersPerEpoch)
                : rules.defaultWarmupIterations(itersPerEpoch, length.epochs(), length.totalIterations());
        warmupIterations = Math.min(warmupIterations, length.totalIterations());
        double startLr = warmupKind == WarmupKind.NONE ? peakLr
                : SignificantDigits.round(rules.warmupStartLr(baseLr, peakLr));
        Warmup warmup = new Warmup(warmupKind, (double) warmupIterations / itersPerEpoch, warmupIterations, startLr);

        List<LrStep> schedule = new ArrayList<>();
        double lr = peakLr;
        for (long stepIteration : length.stepIterations()) {
            double next = SignificantDigits.round(lr / 10);
            schedule.add(new LrStep((double) stepIteration / itersPerEpoch, stepIteration, next, 0.1));
            lr = next;
        }

        List<String> warnings = new ArrayList<>(rules.warnings(kn, datasetSize));
        if (!schedule.isEmpty() && warmupIterations > schedule.get(0).iteration()) {
            warnings.add("warmup of " + warmupIterations + " iterations runs past the first step decay at iteration "
                    + schedule.get(0).iteration());
        }
        if (scaling != LearningRateScaling.LINEAR) {
            warnings.add("scaling=" + scaling + " departs from the linear scaling rule; at kn=8k the paper measured"
                    + " 41.67% top-1 error with eta not scaled and 26.22% with sqrt scaling, against 23.74% (Table 2c)");
        }
        if (warmupKind != WarmupKind.GRADUAL && kn > referenceBatch * 8) {
            warnings.add("warmup=" + warmupKind + " at large kn: at 8k the paper measured 24.84% top-1 error with no"
                    + " warmup and 25.88% with constant warmup, against 23.74% with gradual warmup (Table 1)");
        }

        List<ParameterKind> excludes = new ArrayList<>(List.of(ParameterKind.BN_GAMMA, ParameterKind.BN_BETA));
        if (!Boolean.TRUE.equals(overrides.weightDecayOnBiases())) {
            excludes.add(ParameterKind.BIAS);
        }
        return new RecipePlan(model.name(), model.family(), kn, n, k, nodes, datasetSize, length.epochs(),
                itersPerEpoch, length.totalIterations(), baseLr, scaling, peakLr, warmup, schedule, MOMENTUM,
                Boolean.TRUE.equals(overrides.nesterov()), WEIGHT_DECAY, excludes, overrides, warnings);
    }
}
