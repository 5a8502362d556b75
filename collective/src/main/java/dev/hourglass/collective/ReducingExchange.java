package dev.hourglass.collective;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * The reducing half of every algorithm: receive a peer's range and add it into ours. A range travels in pieces of at
 * most {@code pieceFloats}, so the scratch buffer a piece lands in stays small, is reused by every call, and is still
 * in cache when it is added. Sender and receiver must cut a range into the same pieces: {@link #pieces} depends only on
 * lengths both of them know.
 */
final class ReducingExchange {

    /** 1 MB: small enough to stay in L2, large enough that a message's fixed cost (~tens of us over JNI) is noise. */
    static final int DEFAULT_PIECE_FLOATS = 256 * 1024;

    private final Transport transport;
    private final int pieceFloats;
    private final FloatAdder adder = new FloatAdder();
    private FloatBuffer scratch = directFloats(0);

    ReducingExchange(Transport transport, int pieceFloats) {
        if (pieceFloats < 1) {
            throw new IllegalArgumentException("pieceFloats must be at least 1, got " + pieceFloats);
        }
        this.transport = transport;
        this.pieceFloats = pieceFloats;
    }

    Transport transport() {
        return transport;
    }

    /** How many pieces a range of {@code longest} floats travels in (at least one). */
    int pieces(int longest) {
        return Math.max(1, (int) (((long) longest + pieceFloats - 1) / pieceFloats));
    }

    /**
     * Sends {@code buffer[sendOffset, +sendCount)} to {@code dest} while receiving {@code addCount} floats from
     * {@code source} and adding them into {@code buffer[addOffset, +addCount)}, each range cut into {@code pieces}.
     * Empty ranges still travel as empty messages: the peers' calls must pair up whatever the lengths.
     */
    void sendRecvAdd(FloatBuffer buffer, int sendOffset, int sendCount, int dest,
                     int addOffset, int addCount, int source, int pieces) {
        for (int piece = 0; piece < pieces; piece++) {
            int sendFrom = cut(sendCount, piece, pieces);
            int sendLength = cut(sendCount, piece + 1, pieces) - sendFrom;
            int addFrom = cut(addCount, piece, pieces);
            int addLength = cut(addCount, piece + 1, pieces) - addFrom;
            FloatBuffer landing = scratch(addLength);
            transport.sendRecv(buffer, sendOffset + sendFrom, sendLength, dest, landing, 0, addLength, source);
            adder.add(buffer, addOffset + addFrom, landing, 0, addLength);
        }
    }

    /** Receives {@code count} floats from {@code source}, sent with {@link #send}, and adds them into the range. */
    void recvAdd(FloatBuffer buffer, int offset, int count, int source) {
        int pieces = pieces(count);
        for (int piece = 0; piece < pieces && count > 0; piece++) {
            int from = cut(count, piece, pieces);
            int length = cut(count, piece + 1, pieces) - from;
            FloatBuffer landing = scratch(length);
            transport.recv(landing, 0, length, source);
            adder.add(buffer, offset + from, landing, 0, length);
        }
    }

    /** Sends a range in the pieces {@link #recvAdd} expects. */
    void send(FloatBuffer buffer, int offset, int count, int dest) {
        int pieces = pieces(count);
        for (int piece = 0; piece < pieces && count > 0; piece++) {
            int from = cut(count, piece, pieces);
            transport.send(buffer, offset + from, cut(count, piece + 1, pieces) - from, dest);
        }
    }

    /** The start of part {@code part} of {@code parts} near-equal parts of {@code length}. */
    static int cut(int length, int part, int parts) {
        return (int) ((long) part * length / parts);
    }

    private FloatBuffer scratch(int floats) {
        if (scratch.capacity() < floats) {
            scratch = directFloats(floats);
        }
        return scratch;
    }

    /** Native order: MPI adds and moves the raw floats. */
    static FloatBuffer directFloats(int floats) {
        return ByteBuffer.allocateDirect(Math.multiplyExact(floats, Float.BYTES)).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
