package io.switchboard.simulator.esl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal event-socket client on a raw socket. Every received byte is kept (for byte-exact
 * checks); frames are parsed from them as they arrive and queued: events apart from replies.
 */
final class RawEslClient implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 5;

    private final Socket socket;
    private final OutputStream out;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final BlockingQueue<EslFrame> replies = new LinkedBlockingQueue<>();
    private final BlockingQueue<EslFrame> events = new LinkedBlockingQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    // unparsed tail of the stream; reader thread only
    private byte[] pending = new byte[64 * 1024];
    private int pendingLength;
    private volatile boolean parseFailed;

    RawEslClient(int port) {
        try {
            socket = new Socket("127.0.0.1", port);
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofPlatform().daemon().name("raw-esl-client").start(this::readLoop);
    }

    /** Connects, checks the greeting and authenticates. */
    static RawEslClient authenticated(int port, String password) throws InterruptedException {
        RawEslClient c = new RawEslClient(port);
        assertThat(c.nextReply().contentType()).isEqualTo("auth/request");
        assertThat(c.command("auth " + password).header("Reply-Text")).isEqualTo("+OK accepted");
        return c;
    }

    void send(String command) {
        sendRaw(command + "\n\n");
    }

    void sendRaw(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a command and returns the next frame that is not an event. */
    EslFrame command(String command) throws InterruptedException {
        send(command);
        return nextReply();
    }

    EslFrame nextReply() throws InterruptedException {
        EslFrame f = replies.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(f).as("reply within %d s", TIMEOUT_SECONDS).isNotNull();
        return f;
    }

    EslFrame nextEventFrame() throws InterruptedException {
        EslFrame f = events.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(f).as("event within %d s", TIMEOUT_SECONDS).isNotNull();
        return f;
    }

    SimEvent nextEvent() throws InterruptedException {
        return EslTrace.decode(nextEventFrame());
    }

    /** The next event with that Event-Name, skipping others. */
    SimEvent nextEvent(String name) throws InterruptedException {
        while (true) {
            SimEvent e = nextEvent();
            if (name.equals(e.eventName())) {
                return e;
            }
        }
    }

    List<SimEvent> events(int n) throws InterruptedException {
        List<SimEvent> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(nextEvent());
        }
        return out;
    }

    /** An event frame that arrived within {@code millis}, or null. */
    EslFrame pollEventFrame(long millis) throws InterruptedException {
        return events.poll(millis, TimeUnit.MILLISECONDS);
    }

    byte[] receivedBytes() {
        synchronized (received) {
            return received.toByteArray();
        }
    }

    boolean awaitClosed() throws InterruptedException {
        return closed.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    boolean isClosed() {
        return closed.getCount() == 0;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void readLoop() {
        byte[] chunk = new byte[64 * 1024];
        try (InputStream in = socket.getInputStream()) {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                synchronized (received) {
                    received.write(chunk, 0, n);
                }
                if (!parseFailed) {
                    append(chunk, n);
                    parse();
                }
            }
        } catch (IOException e) {
            // socket closed
        } finally {
            closed.countDown();
        }
    }

    private void append(byte[] chunk, int n) {
        if (pendingLength + n > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + n));
        }
        System.arraycopy(chunk, 0, pending, pendingLength, n);
        pendingLength += n;
    }

    /** Takes every complete frame from the unparsed tail; malformed input stops parsing for good. */
    private void parse() {
        int parsed = 0;
        try {
            while (true) {
                int end = indexOf(pending, parsed, pendingLength);
                if (end < 0) {
                    break;
                }
                String head = new String(pending, parsed, end - parsed, StandardCharsets.UTF_8);
                EslFrame headers = new EslFrame(Arrays.asList(head.split("\n")), new byte[0]);
                String length = headers.header("Content-Length");
                int bodyStart = end + 2;
                int n = length == null ? 0 : Integer.parseInt(length.trim());
                if (pendingLength < bodyStart + n) {
                    break;
                }
                EslFrame frame = new EslFrame(headers.lines(), Arrays.copyOfRange(pending, bodyStart, bodyStart + n));
                parsed = bodyStart + n;
                (frame.isEvent() ? events : replies).add(frame);
            }
        } catch (RuntimeException e) {
            parseFailed = true;
        }
        System.arraycopy(pending, parsed, pending, 0, pendingLength - parsed);
        pendingLength -= parsed;
    }

    private static int indexOf(byte[] data, int from, int to) {
        for (int i = from; i + 1 < to; i++) {
            if (data[i] == '\n' && data[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
