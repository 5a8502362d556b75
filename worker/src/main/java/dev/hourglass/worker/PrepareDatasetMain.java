package dev.hourglass.worker;

import dev.hourglass.detection.coco.GeneratedCocoSet;
import dev.hourglass.recipe.BuiltInDataset;
import dev.hourglass.trainer.data.GeneratedImageSet;
import java.nio.file.Path;

/**
 * Writes a built-in dataset into a folder ({@code NAME FOLDER}): the worker-side step an agent starts the first
 * time a job on its node names one, so that the generators (and ND4J's image code) stay out of the agent.
 * Exits 0 once the set is written, 2 for a name it does not know, 1 when writing failed.
 */
public final class PrepareDatasetMain {

    private PrepareDatasetMain() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: PrepareDatasetMain NAME FOLDER");
            System.exit(2);
        }
        BuiltInDataset dataset = BuiltInDataset.named(args[0]).orElse(null);
        if (dataset == null) {
            System.err.println("'" + args[0] + "' is not a built-in dataset");
            System.exit(2);
        }
        Path folder = Path.of(args[1]);
        try {
            switch (dataset) {
                case GENERATED -> GeneratedImageSet.writeDefault(folder);
                case GENERATED_16K -> GeneratedImageSet.writeSixteenThousand(folder);
                case GENERATED_COCO -> GeneratedCocoSet.writeDefault(folder);
            }
        } catch (Exception failure) {
            System.err.println("could not write " + dataset + " into " + folder + ": " + failure);
            System.exit(1);
        }
        System.out.println(dataset + " written into " + folder);
        System.exit(0);
    }
}
