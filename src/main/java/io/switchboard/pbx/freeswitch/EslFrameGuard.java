package io.switchboard.pbx.freeswitch;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Sits in front of the ESL client's frame decoder. Malformed frames are skipped and counted (that
 * decoder retries the same bytes forever after a non-numeric Content-Length, and throws on bad
 * URL-encoding). Plain events are decoded here and handed to {@code events} on this thread, in
 * socket order — the client's byte-by-byte decoder was the bottleneck of ingestion; replies, API
 * responses and BACKGROUND_JOB events (whose results the client correlates) pass on to it.
 * A frame is header lines ({@code Name: value\n}), a blank line, and {@code Content-Length} bytes.
 */
final class EslFrameGuard extends ByteToMessageDecoder {

    private final int maxHeaderBytes;
    private final int maxBodyBytes;
    private final LongAdder malformed;
    private final Consumer<Map<String, String>> events;

    /** @param events receives decoded plain events; null passes every well-formed frame on */
    EslFrameGuard(int maxHeaderBytes, int maxBodyBytes, LongAdder malformed, Consumer<Map<String, String>> events) {
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxBodyBytes = maxBodyBytes;
        this.malformed = malformed;
        this.events = events;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int start = in.readerIndex();
            int end = headerEnd(in, start);
            if (end < 0) {
                if (in.readableBytes() > maxHeaderBytes) {
                    malformed.increment(); // no blank line in sight: drop what we have and resync
                    in.skipBytes(in.readableBytes());
                }
                return;
            }
            int contentLength = contentLength(in, start, end);
            int afterHeaders = end + 2;
            if (contentLength < 0) {
                malformed.increment();
                in.readerIndex(afterHeaders);
                continue;
            }
            int frameLength = afterHeaders - start + contentLength;
            if (in.readableBytes() < frameLength) {
                return; // wait for the rest of the body
            }
            boolean plainEvent = contentLength > 0 && isPlainEvent(in, start, end);
            if (plainEvent && !validPercentEncoding(in, afterHeaders, contentLength)) {
                malformed.increment();
                in.readerIndex(start + frameLength);
                continue;
            }
            if (plainEvent && events != null) {
                Map<String, String> headers = EslPlainEvents.headers(in, afterHeaders, contentLength);
                if (!"BACKGROUND_JOB".equals(headers.get("Event-Name"))) {
                    in.readerIndex(start + frameLength);
                    events.accept(headers);
                    continue;
                }
            }
            out.add(in.readRetainedSlice(frameLength));
        }
    }

    /** Bytes held between reads: a header block of up to {@code maxHeaderBytes} (plus one read) and its body. */
    int buffered() {
        return internalBuffer().readableBytes();
    }

    /** Index of the first LF of the blank line ending the header block, or -1. */
    private static int headerEnd(ByteBuf in, int from) {
        int limit = in.writerIndex() - 1;
        for (int i = from; i < limit; i++) {
            if (in.getByte(i) == '\n' && in.getByte(i + 1) == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The frame's body length; 0 without Content-Length; -1 when the header block is malformed. */
    private int contentLength(ByteBuf in, int start, int end) {
        if (end == start) {
            return -1; // an empty header block is not a frame
        }
        String headers = in.toString(start, end - start, StandardCharsets.UTF_8);
        int length = 0;
        for (String line : headers.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                return -1;
            }
            if (line.regionMatches(true, 0, "Content-Length", 0, colon)) {
                try {
                    length = Integer.parseInt(line.substring(colon + 1).trim());
                } catch (NumberFormatException e) {
                    return -1;
                }
                if (length < 0 || length > maxBodyBytes) {
                    return -1;
                }
            }
        }
        return length;
    }

    private static boolean isPlainEvent(ByteBuf in, int start, int end) {
        return in.toString(start, end - start, StandardCharsets.US_ASCII).contains("text/event-plain");
    }

    /** Every '%' of a URL-encoded body must start an escape of two hex digits. */
    private static boolean validPercentEncoding(ByteBuf in, int from, int length) {
        int end = from + length;
        for (int i = from; i < end; i++) {
            if (in.getByte(i) == '%') {
                if (i + 2 >= end || Character.digit(in.getByte(i + 1), 16) < 0 || Character.digit(in.getByte(i + 2), 16) < 0) {
                    return false;
                }
                i += 2;
            }
        }
        return true;
    }
}
