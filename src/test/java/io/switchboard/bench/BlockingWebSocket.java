package io.switchboard.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ObjLongConsumer;

/**
 * A minimal WebSocket client for measuring (RFC 6455, text messages, no extensions): the
 * handshake and every frame are read by one platform thread blocking on the socket, which
 * stamps {@link System#nanoTime()} as soon as a message is complete. Nothing is dispatched to
 * other threads, so the time is when the bytes were read, not when an executor got to them.
 */
final class BlockingWebSocket implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final ObjLongConsumer<String> onText;
    private volatile String closed;

    private BlockingWebSocket(Socket socket, DataInputStream in, ObjLongConsumer<String> onText) throws IOException {
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
        this.onText = onText;
    }

    /**
     * Connects and upgrades, then reads on a thread of its own; {@code onText} gets each text
     * message with the nanoTime it was read completely (on that thread: keep it short).
     */
    static BlockingWebSocket connect(URI uri, String authorization, ObjLongConsumer<String> onText) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
        s.setSoTimeout(60_000); // the handshake; reading messages afterwards waits as long as it takes
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\nAuthorization: "
                + authorization + "\r\n\r\n";
        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream(), 16 * 1024));
        String status = line(in);
        if (!status.startsWith("HTTP/1.1 101")) {
            s.close();
            throw new IOException("upgrade refused: " + status);
        }
        while (!line(in).isEmpty()) {
            // response headers
        }
        s.setSoTimeout(0);
        BlockingWebSocket ws = new BlockingWebSocket(s, in, onText);
        Thread.ofPlatform().daemon().name("bench-ws-" + s.getLocalPort()).start(ws::readLoop);
        return ws;
    }

    /** Sends one text message (masked, as a client must). Thread-safe. */
    void sendText(String text) throws IOException {
        send(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Why the connection ended, or null while it is open. */
    String closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = closed == null ? "closed by the client" : closed;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private synchronized void send(int opcode, byte[] payload) throws IOException {
        int n = payload.length;
        byte[] frame = new byte[2 + (n < 126 ? 0 : n < 65_536 ? 2 : 8) + 4 + n];
        int i = 0;
        frame[i++] = (byte) (0x80 | opcode);
        if (n < 126) {
            frame[i++] = (byte) (0x80 | n);
        } else if (n < 65_536) {
            frame[i++] = (byte) (0x80 | 126);
            frame[i++] = (byte) (n >>> 8);
            frame[i++] = (byte) n;
        } else {
            frame[i++] = (byte) (0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame[i++] = (byte) ((long) n >>> shift);
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        System.arraycopy(mask, 0, frame, i, 4);
        i += 4;
        for (int k = 0; k < n; k++) {
            frame[i + k] = (byte) (payload[k] ^ mask[k & 3]);
        }
        out.write(frame);
        out.flush();
    }

    private void readLoop() {
        ByteArrayOutputStream message = new ByteArrayOutputStream(2048);
        try {
            while (true) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                long len = b1 & 0x7f;
                if (len == 126) {
                    len = in.readUnsignedShort();
                } else if (len == 127) {
                    len = in.readLong();
                }
                byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : null;
                byte[] payload = in.readNBytes((int) len);
                if (payload.length < len) {
                    throw new EOFException();
                }
                if (mask != null) {
                    for (int k = 0; k < payload.length; k++) {
                        payload[k] ^= mask[k & 3];
                    }
                }
                int opcode = b0 & 0x0f;
                switch (opcode) {
                    case 0x0, 0x1 -> {
                        message.write(payload);
                        if ((b0 & 0x80) != 0) {
                            long now = System.nanoTime();
                            String text = message.toString(StandardCharsets.UTF_8);
                            message.reset();
                            onText.accept(text, now);
                        }
                    }
                    case 0x8 -> {
                        int code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                        closed = code + " " + new String(payload, Math.min(2, payload.length),
                                Math.max(0, payload.length - 2), StandardCharsets.UTF_8);
                        socket.close();
                        return;
                    }
                    case 0x9 -> send(0xA, payload);
                    default -> {
                        // pong, binary: not used by the desktop protocol
                    }
                }
            }
        } catch (IOException e) {
            if (closed == null) {
                closed = "error " + e.getMessage();
            }
        }
    }

    private static String line(DataInputStream in) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            sb.append((char) b);
        }
        throw new EOFException("connection closed during the handshake");
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ws %s", socket.getLocalSocketAddress());
    }
}
