package dev.hourglass.bench.step;

/**
 * One mode's median step, in seconds: {@code hourglass} (the trainer, with its phases; {@code step} is compute,
 * reduce and update, {@code iteration} adds its data loading) or {@code dl4j-fit} (DL4J's own training of a loaded
 * batch, one number).
 */
record StepMeasurement(String model, int imageSize, int batch, int replicas, String mode, double data, double compute,
                       double reduce, double update, double step, double iteration, long gradientBytes) {

    static final String FIT = "dl4j-fit";
    static final String TRAINER = "hourglass";
}
