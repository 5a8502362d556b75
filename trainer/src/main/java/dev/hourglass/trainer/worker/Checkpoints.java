package dev.hourglass.trainer.worker;

import dev.hourglass.protocol.CheckpointFiles;
import dev.hourglass.trainer.replica.ReplicaState;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One rank's checkpoints: {@code DIR/rank-R/iteration-N.ckpt}, written at the end of every epoch and read back
 * on restart (ranks on one host share DIR; each keeps to its own folder). A file holds the iteration to resume at, the job's seed (the only random state: shuffles and
 * augmentation are functions of seed, epoch and image), replica 0's parameters and momentum, and for every
 * other replica only where its parameters differ from replica 0's (its own BN running statistics). A file is
 * complete once renamed into place; the two newest are kept.
 */
public final class Checkpoints {

    private static final int MAGIC = 0x48474350; // "HGCP"
    private static final int VERSION = 1;
    private static final int KEEP = 2;

    private final Path directory;

    /** A restored position: where to go on, and each replica's state. */
    record Restored(long iteration, List<ReplicaState> replicas) {
    }

    public Checkpoints(Path directory, int rank) {
        this.directory = CheckpointFiles.rankDirectory(directory, rank);
    }

    /** The newest iteration this rank has a complete checkpoint of, or 0. */
    long latest() throws IOException {
        return iterations().stream().max(Long::compare).orElse(0L);
    }

    public void save(long iteration, long seed, List<ReplicaState> replicas) throws IOException {
        Path target = file(iteration);
        Files.createDirectories(directory);
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        float[] reference = replicas.get(0).parameters();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial), 1 << 20))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(iteration);
            out.writeLong(seed);
            out.writeInt(replicas.size());
            out.writeInt(reference.length);
            writeFloats(out, reference, 0, reference.length);
            writeFloats(out, replicas.get(0).momentum(), 0, reference.length);
            for (ReplicaState replica : replicas.subList(1, replicas.size())) {
                writeDifferences(out, reference, replica.parameters());
            }
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        prune();
    }

    Restored load(long iteration, long seed, int replicas) throws IOException {
        Path source = file(iteration);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(source), 1 << 20))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IOException(source + " is not a version-" + VERSION + " Hourglass checkpoint");
            }
            long stored = in.readLong();
            long storedSeed = in.readLong();
            int storedReplicas = in.readInt();
            int length = in.readInt();
            if (stored != iteration || storedSeed != seed || storedReplicas != replicas) {
                throw new IOException(source + " is of iteration " + stored + ", seed " + storedSeed + " and "
                        + storedReplicas + " replicas; this run needs iteration " + iteration + ", seed " + seed
                        + " and " + replicas + " replicas");
            }
            float[] reference = readFloats(in, length);
            float[] momentum = readFloats(in, length);
            List<ReplicaState> states = new ArrayList<>();
            states.add(new ReplicaState(reference, momentum));
            for (int r = 1; r < replicas; r++) {
                states.add(new ReplicaState(readDifferences(in, reference), momentum.clone()));
            }
            return new Restored(iteration, states);
        }
    }

    /**
     * Replica 0's parameters in {@code file}, laid out as the job's network's flat parameter vector: what a later
     * job (a detector's backbone, say) starts from.
     */
    public static float[] parameters(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IOException(file + " is not a version-" + VERSION + " Hourglass checkpoint");
            }
            in.readLong(); // iteration
            in.readLong(); // seed
            in.readInt(); // replicas
            return readFloats(in, in.readInt());
        }
    }

    private Path file(long iteration) {
        return CheckpointFiles.file(directory, iteration);
    }

    private List<Long> iterations() throws IOException {
        return CheckpointFiles.iterations(directory);
    }

    private void prune() throws IOException {
        List<Long> newestFirst = iterations().stream().sorted(Comparator.reverseOrder()).toList();
        for (long old : newestFirst.subList(Math.min(KEEP, newestFirst.size()), newestFirst.size())) {
            Files.deleteIfExists(file(old));
        }
    }

    private static void writeFloats(DataOutputStream out, float[] values, int from, int to) throws IOException {
        for (int i = from; i < to; i++) {
            out.writeInt(Float.floatToRawIntBits(values[i]));
        }
    }

    private static float[] readFloats(DataInputStream in, int length) throws IOException {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = Float.intBitsToFloat(in.readInt());
        }
        return values;
    }

    /** Runs of positions where {@code values} differs from {@code reference}: (start, length, floats)..., then -1. */
    private static void writeDifferences(DataOutputStream out, float[] reference, float[] values) throws IOException {
        int i = 0;
        while (i < values.length) {
            if (Float.floatToRawIntBits(values[i]) == Float.floatToRawIntBits(reference[i])) {
                i++;
                continue;
            }
            int start = i;
            while (i < values.length && Float.floatToRawIntBits(values[i]) != Float.floatToRawIntBits(reference[i])) {
                i++;
            }
            out.writeInt(start);
            out.writeInt(i - start);
            writeFloats(out, values, start, i);
        }
        out.writeInt(-1);
    }

    private static float[] readDifferences(DataInputStream in, float[] reference) throws IOException {
        float[] values = reference.clone();
        for (int start = in.readInt(); start >= 0; start = in.readInt()) {
            int length = in.readInt();
            for (int i = start; i < start + length; i++) {
                values[i] = Float.intBitsToFloat(in.readInt());
            }
        }
        return values;
    }
}
