package io.clusterca.kafka.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Reads frames of one segment sequentially through a buffer. {@link #next()} is empty at the end of
 * the valid frames: the end of the file, a frame not fully written yet, or a damaged frame; the caller
 * tells them apart with {@link #position()} and {@link #endReason()}.
 */
final class SegmentReader implements AutoCloseable {
    enum End { NONE, END_OF_FILE, INCOMPLETE_FRAME, DAMAGED_FRAME }

    private static final int READ_AHEAD = 256 * 1024;

    private final FileChannel channel;
    private final int maxFrameBytes;
    private ByteBuffer buffer;
    private long bufferStart; // file position of buffer index 0
    private long position;    // file position of the next frame
    private End end = End.NONE;

    SegmentReader(Path file, long startPosition, int maxFrameBytes) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.maxFrameBytes = maxFrameBytes;
        this.buffer = ByteBuffer.allocate(READ_AHEAD).limit(0);
        this.bufferStart = startPosition;
        this.position = startPosition;
    }

    /** File position just after the last frame returned. */
    long position() {
        return position;
    }

    End endReason() {
        return end;
    }

    Optional<OutboxRecord> next() throws IOException {
        if (!ensure(SegmentFormat.HEADER)) {
            end = available() == 0 ? End.END_OF_FILE : End.INCOMPLETE_FRAME;
            return Optional.empty();
        }
        int at = (int) (position - bufferStart);
        int bodyLength = buffer.getInt(at);
        int frameLength = SegmentFormat.HEADER + bodyLength + SegmentFormat.TRAILER;
        if (bodyLength <= 0 || frameLength > maxFrameBytes) {
            end = End.DAMAGED_FRAME;
            return Optional.empty();
        }
        if (!ensure(frameLength)) {
            end = End.INCOMPLETE_FRAME;
            return Optional.empty();
        }
        at = (int) (position - bufferStart);
        int storedCrc = buffer.getInt(at + SegmentFormat.HEADER + bodyLength);
        if (!SegmentFormat.checksumMatches(buffer, at + SegmentFormat.HEADER, bodyLength, storedCrc)) {
            end = End.DAMAGED_FRAME;
            return Optional.empty();
        }
        ByteBuffer body = buffer.duplicate().position(at + SegmentFormat.HEADER).limit(at + SegmentFormat.HEADER + bodyLength).slice();
        OutboxRecord record;
        try {
            record = SegmentFormat.decodeBody(body);
        } catch (IllegalArgumentException e) {
            end = End.DAMAGED_FRAME;
            return Optional.empty();
        }
        position += frameLength;
        return Optional.of(record);
    }

    private int available() {
        return (int) (bufferStart + buffer.limit() - position);
    }

    /** Makes {@code bytes} bytes from {@link #position} available in the buffer; false at end of file. */
    private boolean ensure(int bytes) throws IOException {
        if (available() >= bytes) {
            return true;
        }
        int keep = available();
        ByteBuffer target = buffer.capacity() >= bytes ? buffer : ByteBuffer.allocate(Math.max(bytes, READ_AHEAD));
        System.arraycopy(buffer.array(), (int) (position - bufferStart), target.array(), 0, keep);
        target.clear().position(keep);
        buffer = target;
        bufferStart = position;
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, bufferStart + buffer.position()) <= 0) {
                break;
            }
        }
        buffer.flip();
        return available() >= bytes;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
