package dev.hourglass.collective;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/** The checks every {@link Allreduce#sum} makes before any message leaves, so that no peer is left waiting. */
final class AllreduceArguments {

    private AllreduceArguments() {
    }

    /**
     * Checks the arguments and returns the buffer to work on: itself, or where the caller's limit hides part of
     * {@code [0, count)}, a view without that limit (absolute bulk gets and puts check against the limit).
     */
    static FloatBuffer check(FloatBuffer buffer, int count) {
        if (count < 0 || count > buffer.capacity()) {
            throw new IndexOutOfBoundsException("count " + count + " does not fit a buffer of capacity " + buffer.capacity());
        }
        // MPI adds and moves the raw floats: a direct view in the other byte order would sum byte-swapped values.
        if (buffer.isDirect() && buffer.order() != ByteOrder.nativeOrder()) {
            throw new IllegalArgumentException("a direct buffer must be in native byte order (" + ByteOrder.nativeOrder()
                    + "), e.g. MPI.newFloatBuffer(n); this one is " + buffer.order());
        }
        return whole(buffer, count);
    }

    /** The buffer itself when its limit is at least {@code end}, else a view of its whole capacity. */
    static FloatBuffer whole(FloatBuffer buffer, int end) {
        return buffer.limit() >= end ? buffer : buffer.duplicate().clear();
    }
}
