package dev.hourglass.cli;

import dev.hourglass.recipe.LrStep;
import dev.hourglass.recipe.RecipePlan;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The plan as a person reads it. */
final class RecipeTable {

    private static final MathContext SIX_DIGITS = new MathContext(6);

    private RecipeTable() {
    }

    static String render(RecipePlan plan) {
        List<String[]> rows = new ArrayList<>();
        rows.add(row("GPUs", "k=" + plan.k() + " on " + plan.nodes() + (plan.nodes() == 1 ? " node" : " nodes")
                + ", n=" + plan.perGpuBatch() + " per GPU"));
        rows.add(row("dataset", count(plan.datasetSize()) + " images, " + count(plan.itersPerEpoch())
                + " iterations per epoch"));
        rows.add(row("length", number(plan.epochs()) + " epochs, " + count(plan.totalIterations()) + " iterations"));
        rows.add(row("learning rate", scalingRule(plan)));
        rows.add(row("warmup", switch (plan.warmup().kind()) {
            case NONE -> "none";
            case CONSTANT -> "constant " + number(plan.warmup().startLr()) + " for " + number(plan.warmup().epochs())
                    + " epochs (" + count(plan.warmup().iterations()) + " iterations)";
            case GRADUAL -> "gradual over " + number(plan.warmup().epochs()) + " epochs ("
                    + count(plan.warmup().iterations()) + " iterations), " + number(plan.warmup().startLr())
                    + " -> " + number(plan.peakLr());
        }));
        boolean first = true;
        for (LrStep step : plan.schedule()) {
            rows.add(row(first ? "steps" : "", "epoch " + number(step.epoch()) + " (iteration "
                    + count(step.iteration()) + "): " + number(step.lr())));
            first = false;
        }
        rows.add(row("momentum", number(plan.momentum()) + (plan.nesterov() ? " (Nesterov)" : " (plain)")
                + ", corrected by eta_new/eta_old at every change"));
        rows.add(row("weight decay", number(plan.weightDecay()) + ", not on "
                + plan.weightDecayExcludes().stream().map(Enum::name).collect(Collectors.joining(", "))));
        if (plan.warnings().isEmpty()) {
            rows.add(row("warnings", "none"));
        }
        first = true;
        for (String warning : plan.warnings()) {
            rows.add(row(first ? "warnings" : "", warning));
            first = false;
        }

        StringBuilder out = new StringBuilder(plan.model() + " at kn=" + plan.kn() + " (Goyal et al. 2017)\n");
        for (String[] row : rows) {
            out.append(String.format(Locale.ROOT, "  %-15s %s%n", row[0], row[1]));
        }
        return out.toString().stripTrailing();
    }

    private static String scalingRule(RecipePlan plan) {
        String base = number(plan.baseLr());
        String ratio = plan.kn() + "/" + referenceBatch(plan);
        return switch (plan.scaling()) {
            case LINEAR -> "eta = " + base + " x " + ratio + " = " + number(plan.peakLr()) + " (linear scaling)";
            case SQRT -> "eta = " + base + " x sqrt(" + ratio + ") = " + number(plan.peakLr()) + " (sqrt scaling)";
            case NONE -> "eta = " + base + " (not scaled)";
        };
    }

    private static int referenceBatch(RecipePlan plan) {
        if (plan.overrides().referenceBatch() != null) {
            return plan.overrides().referenceBatch();
        }
        return switch (plan.family()) {
            case RESNET -> 256;
            case MASK_RCNN -> 16;
        };
    }

    private static String[] row(String label, String value) {
        return new String[] {label, value};
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String number(double value) {
        return new BigDecimal(value).round(SIX_DIGITS).stripTrailingZeros().toPlainString();
    }
}
