package dev.hourglass.trainer.worker;

import dev.hourglass.trainer.data.ReplicaBatches;
import dev.hourglass.trainer.model.Networks;
import dev.hourglass.trainer.model.ResNetArchitecture;
import dev.hourglass.trainer.replica.Dl4jReplica;
import java.nio.file.Path;

/** A ResNet job's rank: DL4J replicas on an ImageNet-layout folder, validated by top-1 error. */
public final class ResNetTraining {

    private ResNetTraining() {
    }

    public static void run(Rank rank) throws Exception {
        ResNetArchitecture architecture = Networks.resnet(rank.spec().model());
        ReplicaBatches data = ReplicaBatches.open(Path.of(rank.spec().dataset()),
                architecture.transform(architecture.inputSize()), rank.plan().perGpuBatch(), rank.plan().k(),
                rank.spec().seed());
        RankTraining.train(rank, data,
                () -> Dl4jReplica.create(architecture, architecture.inputSize(), data.classes(), rank.spec().seed(),
                        rank.plan()),
                (replicas, threads, totals) -> new ClassificationValidation(replicas, threads, data,
                        rank.firstReplica(), totals));
    }
}
