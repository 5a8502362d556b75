package dev.hourglass.worker;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.detection.training.MaskRcnnTraining;
import dev.hourglass.protocol.WorkerSpec;
import dev.hourglass.recipe.RecipePlan;
import dev.hourglass.trainer.engine.ComputeDevices;
import dev.hourglass.trainer.worker.Rank;
import dev.hourglass.trainer.worker.ResNetTraining;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import mpi.MPI;

/**
 * The trainer worker: one MPI rank per node, started by the launching agent's {@code mpirun} with the path of
 * the job's {@link WorkerSpec}. It builds one replica per device of its node (CPU threads, or one per GPU on the
 * CUDA backend of the {@code -Pcuda} build) of the job's model (a ResNet on an ImageNet-layout folder, a Mask R-CNN
 * on a COCO-format one), trains the recipe's iterations
 * ({@link ResNetTraining}, {@link MaskRcnnTraining}), and exits 0 once done. Any failure ends with a {@code FAILURE:} line naming the
 * rank, which the agent reports as the job's failure reason, and an MPI abort that stops the other ranks.
 */
public final class WorkerMain {

    static final String FAILURE = "FAILURE: ";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private WorkerMain() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        int rank = -1;
        LauncherLifeline.Watch lifeline = () -> { };
        try {
            MPI.Init(args);
            rank = MPI.COMM_WORLD.getRank();
            lifeline = LauncherLifeline.watch(System.getenv(), rank, System.in, out,
                    () -> Runtime.getRuntime().halt(LauncherLifeline.LAUNCHER_GONE));
            int ranks = MPI.COMM_WORLD.getSize();
            WorkerSpec spec = JSON.readValue(Path.of(args[args.length - 1]).toFile(), WorkerSpec.class);
            ComputeDevices devices = ComputeDevices.configure(spec.deviceKind()); // before any ND4J class loads
            run(spec, devices, rank, ranks, out);
            lifeline.release();
            MPI.Finalize();
            System.exit(0);
        } catch (Throwable failure) {
            lifeline.release();
            out.println(FAILURE + (rank >= 0 ? "rank " + rank + ": " : "") + describe(failure));
            failure.printStackTrace(out);
            out.flush();
            abort();
        }
    }

    static void run(WorkerSpec spec, ComputeDevices devices, int rank, int ranks, PrintStream out) throws Exception {
        RecipePlan plan = spec.recipe();
        if (spec.nodes().size() != ranks) {
            throw new IllegalStateException("the job has " + spec.nodes().size() + " nodes but mpirun started "
                    + ranks + " ranks; it must start one rank per node");
        }
        List<Integer> devicesPerRank = spec.nodes().stream().map(node -> node.gpus().size()).toList();
        int k = devicesPerRank.stream().mapToInt(Integer::intValue).sum();
        if (k != plan.k()) {
            throw new IllegalStateException("the job holds " + k + " devices but its recipe needs k=" + plan.k());
        }
        int firstReplica = devicesPerRank.subList(0, rank).stream().mapToInt(Integer::intValue).sum();
        Rank self = new Rank(spec, plan, devices, rank, ranks, firstReplica, out, WorkerMain::failNow);
        switch (plan.family()) {
            case RESNET -> ResNetTraining.run(self);
            case MASK_RCNN -> MaskRcnnTraining.run(self);
        }
    }

    private static void failNow(String reason) {
        System.out.println(FAILURE + reason);
        System.out.flush();
        Runtime.getRuntime().halt(3);
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getMessage() == null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }

    private static void abort() {
        try {
            MPI.COMM_WORLD.abort(2);
        } catch (Throwable notInitialised) {
            // MPI never started: exiting is enough
        }
        Runtime.getRuntime().halt(2);
    }
}
