package dev.hourglass.cli;

import dev.hourglass.recipe.InvalidRecipeException;
import dev.hourglass.recipe.LearningRateScaling;
import dev.hourglass.recipe.RecipeOverrides;
import dev.hourglass.recipe.RecipePlan;
import dev.hourglass.recipe.RecipePlanner;
import dev.hourglass.recipe.RecipeRequest;
import dev.hourglass.recipe.Violation;
import dev.hourglass.recipe.WarmupKind;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./hourglass recipe}: derive a plan without side effects and print it. */
@Command(name = "recipe", mixinStandardHelpOptions = true,
        description = "Derive the paper's recipe (linear scaling, warmup, schedule) for a model and total minibatch.")
final class RecipeCommand implements Callable<Integer> {

    static final int INVALID_REQUEST = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "resnet50, resnet101, resnet20, resnet8, mask-rcnn-r50-fpn, mask-rcnn-small")
    String model;

    @Option(names = "--kn", required = true, description = "total minibatch over all GPUs")
    int kn;

    @Option(names = "--per-gpu-batch", description = "n, images per GPU (ResNet 32, Mask R-CNN 2)")
    Integer perGpuBatch;

    @Option(names = "--epochs", description = "passes over the dataset (ResNet 90)")
    Integer epochs;

    @Option(names = "--dataset-size", description = "training images (default: the model's usual dataset)")
    Long datasetSize;

    @Option(names = "--base-lr", description = "override the small-batch reference rate")
    Double baseLr;

    @Option(names = "--scaling", description = "LINEAR (the paper), SQRT or NONE", converter = CaseInsensitive.Scaling.class)
    LearningRateScaling scaling;

    @Option(names = "--warmup", description = "GRADUAL (the paper), CONSTANT or NONE", converter = CaseInsensitive.Warmup.class)
    WarmupKind warmup;

    @Option(names = "--warmup-epochs", description = "override the warmup length in epochs")
    Double warmupEpochs;

    @Option(names = "--reference-batch", description = "the minibatch the base rate is right for (ResNet 256,"
            + " Mask R-CNN 16): scaling and warmup start from it")
    Integer referenceBatch;

    @Option(names = "--json", description = "print JSON with the REST API's field names")
    boolean json;

    @Override
    public Integer call() throws Exception {
        RecipeOverrides overrides = new RecipeOverrides(baseLr, scaling, warmup, warmupEpochs, null, null, null,
                referenceBatch);
        RecipeRequest request = new RecipeRequest(model, kn, perGpuBatch, epochs, datasetSize,
                overrides.changesNothing() ? null : overrides);
        PrintWriter out = spec.commandLine().getOut();
        try {
            RecipePlan plan = RecipePlanner.plan(request);
            out.println(json ? RecipeJson.write(plan) : RecipeTable.render(plan));
            out.flush();
            return 0;
        } catch (InvalidRecipeException invalid) {
            PrintWriter err = spec.commandLine().getErr();
            for (Violation violation : invalid.violations()) {
                err.println("error: " + violation.field() + ": " + violation.message());
            }
            err.flush();
            return INVALID_REQUEST;
        }
    }
}
