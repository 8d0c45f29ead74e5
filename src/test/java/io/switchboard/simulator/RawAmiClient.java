package io.switchboard.simulator;

import io.switchboard.pbx.asterisk.ami.AmiFrame;
import io.switchboard.pbx.asterisk.ami.AmiFrameReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A minimal AMI client on a raw socket: what arrives is queued for the test to take. */
final class RawAmiClient implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 5;

    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<AmiFrame> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> banner = new CompletableFuture<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    RawAmiClient(int port) {
        try {
            socket = new Socket("127.0.0.1", port);
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofPlatform().daemon().name("raw-ami-client").start(() -> {
            try {
                new AmiFrameReader(socket.getInputStream()).readAll(new AmiFrameReader.Sink() {
                    @Override
                    public void frame(AmiFrame frame) {
                        frames.add(frame);
                    }

                    @Override
                    public void banner(String text) {
                        banner.complete(text);
                    }
                });
            } catch (IOException e) {
                // socket closed
            } finally {
                closed.countDown();
            }
        });
    }

    String banner() throws Exception {
        return banner.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    void send(String... pairs) {
        send(AmiFrame.of(pairs));
    }

    void send(AmiFrame action) {
        try {
            out.write(action.toWireBytes());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends and returns the next frame that is not an event. */
    AmiFrame request(String... pairs) throws InterruptedException {
        send(pairs);
        return nextResponse();
    }

    AmiFrame nextResponse() throws InterruptedException {
        while (true) {
            AmiFrame f = next();
            if (!f.isEvent()) {
                return f;
            }
        }
    }

    AmiFrame next() throws InterruptedException {
        AmiFrame f = frames.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (f == null) {
            throw new AssertionError("no frame within " + TIMEOUT_SECONDS + " s");
        }
        return f;
    }

    /** Skips frames until the event with this name arrives. */
    AmiFrame nextEvent(String name) throws InterruptedException {
        while (true) {
            AmiFrame f = next();
            if (name.equals(f.eventName())) {
                return f;
            }
        }
    }

    /** The next {@code n} events, skipping responses. */
    List<AmiFrame> events(int n) throws InterruptedException {
        List<AmiFrame> out = new ArrayList<>(n);
        while (out.size() < n) {
            AmiFrame f = next();
            if (f.isEvent()) {
                out.add(f);
            }
        }
        return out;
    }

    AmiFrame poll(long millis) throws InterruptedException {
        return frames.poll(millis, TimeUnit.MILLISECONDS);
    }

    void login(String user, String secret) throws InterruptedException {
        AmiFrame r = request("Action", "Login", "Username", user, "Secret", secret);
        if (!"Success".equals(r.get("Response"))) {
            throw new AssertionError("login failed: " + r);
        }
        nextEvent("FullyBooted");
    }

    boolean awaitClosed() throws InterruptedException {
        return closed.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
