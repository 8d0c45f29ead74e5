package io.switchboard.pbx.asterisk;

import io.switchboard.pbx.asterisk.ami.AmiFrame;
import io.switchboard.pbx.asterisk.ami.AmiFrameReader;
import org.asteriskjava.util.SocketConnectionFacade;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The socket under asterisk-java's manager connection. It frames the stream itself: plain
 * events (no ActionID) go straight to {@code events} on this reader thread, and only responses
 * and action-bound events reach asterisk-java as lines. asterisk-java builds events by
 * reflection and silently drops types it has no class for (custom UserEvents included); this
 * way every event is seen, counted and translated from its headers.
 */
final class FrameSocketFacade implements SocketConnectionFacade {

    private final Socket socket;
    private final AmiFrameReader reader;
    private final OutputStream out;
    private final Consumer<AmiFrame> events;
    private final Predicate<AmiFrame> intercept;
    private final AmiFrameReader.Sink problems;
    private final Runnable onClosed;
    private final ArrayDeque<String> pending = new ArrayDeque<>();
    private boolean bannerDone;
    private volatile boolean closedReported;

    /** @param intercept sees action-bound events first on this thread; true consumes one (live snapshots) */
    FrameSocketFacade(InetSocketAddress address, int connectTimeoutMillis, Consumer<AmiFrame> events,
                      Predicate<AmiFrame> intercept, AmiFrameReader.Sink problems, Runnable onClosed)
            throws IOException {
        this.socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setReceiveBufferSize(1 << 20);
        socket.connect(address, connectTimeoutMillis);
        this.reader = new AmiFrameReader(socket.getInputStream(), 1 << 20, 4096);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 8192);
        this.events = events;
        this.intercept = intercept;
        this.problems = problems;
        this.onClosed = onClosed;
    }

    @Override
    public String readLine() throws IOException {
        try {
            if (!bannerDone) {
                bannerDone = true;
                String banner = reader.readBanner(problems);
                if (banner != null) {
                    return banner;
                }
            }
            while (pending.isEmpty()) {
                AmiFrame f = reader.next(problems);
                if (f == null) {
                    reportClosed();
                    return null;
                }
                if (f.isEvent() && !f.has("ActionID")) {
                    events.accept(f);
                    continue;
                }
                if (f.isEvent() && intercept.test(f)) {
                    continue;
                }
                for (int i = 0; i < f.size(); i++) {
                    pending.add(f.name(i) + ": " + f.value(i));
                }
                pending.add("");
            }
            return pending.poll();
        } catch (IOException e) {
            reportClosed();
            throw e;
        }
    }

    private void reportClosed() {
        if (!closedReported) {
            closedReported = true;
            onClosed.run();
        }
    }

    @Override
    public void write(String s) throws IOException {
        synchronized (out) {
            out.write(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void flush() throws IOException {
        synchronized (out) {
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    @Override
    public boolean isConnected() {
        return socket.isConnected() && !socket.isClosed();
    }

    @Override
    public InetAddress getLocalAddress() {
        return socket.getLocalAddress();
    }

    @Override
    public int getLocalPort() {
        return socket.getLocalPort();
    }

    @Override
    public InetAddress getRemoteAddress() {
        return socket.getInetAddress();
    }

    @Override
    public int getRemotePort() {
        return socket.getPort();
    }
}
