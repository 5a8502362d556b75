package dev.hourglass.cli.jobs;

import dev.hourglass.client.model.JobView;
import dev.hourglass.client.model.SubmitJobRequest;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "submit", mixinStandardHelpOptions = true, description = "Submit a job; prints it (its id first).")
final class SubmitJobCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    Connection connection;
    @Mixin
    OutputFormat output;

    @Option(names = "--name", required = true)
    String name;
    @Option(names = "--model", required = true, description = "resnet8, resnet20, resnet50, resnet101,"
            + " mask-rcnn-r50-fpn, mask-rcnn-small")
    String model;
    @Option(names = "--dataset", required = true, description = "generated, generated-16k, generated-coco, or a path"
            + " on the nodes")
    String dataset;
    @Option(names = "--kn", required = true, description = "the total minibatch")
    int kn;
    @Option(names = "--per-gpu-batch")
    Integer perGpuBatch;
    @Option(names = "--epochs")
    Integer epochs;
    @Option(names = "--dataset-size", description = "training images, for a dataset given as a path")
    Long datasetSize;
    @Option(names = "--team", description = "default: yours")
    String team;
    @Option(names = "--priority", description = "-1000..1000, higher first")
    Integer priority;
    @Option(names = "--seed")
    Long seed;
    @Option(names = "--idempotency-key", description = "send the same key again to retry safely (default: a new"
            + " UUID, with which the client's own retries are safe)")
    String idempotencyKey;

    @Override
    public Integer call() throws Exception {
        SubmitJobRequest request = new SubmitJobRequest().name(name).model(modelOf(model)).dataset(dataset).kn(kn)
                .perGpuBatch(perGpuBatch).epochs(epochs).datasetSize(datasetSize).team(team).priority(priority)
                .seed(seed);
        JobView job = connection.jobs().submitJob(request,
                idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString());
        output.print(spec.commandLine().getOut(), job, JobTable::one);
        return ExitCodes.OK;
    }

    private SubmitJobRequest.ModelEnum modelOf(String value) {
        try {
            return SubmitJobRequest.ModelEnum.fromValue(value);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--model " + value
                    + " is not one of " + java.util.Arrays.stream(SubmitJobRequest.ModelEnum.values())
                    .map(SubmitJobRequest.ModelEnum::getValue).toList());
        }
    }
}
