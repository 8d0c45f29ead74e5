package io.switchboard.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A minimal HTTP/1.1 client for measuring: keep-alive connections taken from a pool, one request
 * at a time each, written and read by the calling thread with blocking socket I/O. No selector
 * or executor sits between the socket and the caller, so a round trip it measures is the
 * server's time plus loopback, not a client library's thread hand-offs.
 */
final class KeepAliveHttp {

    /** Status and body of a response. */
    record Response(int status, String body) {
    }

    private static final class Conn {
        final Socket socket;
        final OutputStream out;
        final InputStream in;

        Conn(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        }
    }

    private final String host;
    private final int port;
    private final ConcurrentLinkedQueue<Conn> idle = new ConcurrentLinkedQueue<>();

    KeepAliveHttp(String baseUrl) {
        URI u = URI.create(baseUrl);
        this.host = u.getHost();
        this.port = u.getPort();
    }

    /** Sends a POST without a body; blocks until the whole response is read. */
    Response post(String path, String authorization) throws IOException {
        byte[] request = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: " + authorization
                + "\r\nAccept: application/json\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        Conn c = idle.poll();
        boolean reused = c != null;
        if (c == null) {
            c = open();
        }
        try {
            c.out.write(request);
            c.out.flush();
            Response r = read(c.in);
            idle.add(c);
            return r;
        } catch (IOException e) {
            c.socket.close();
            if (reused) { // the server closed an idle connection: once more on a fresh one
                Conn fresh = open();
                fresh.out.write(request);
                fresh.out.flush();
                Response r = read(fresh.in);
                idle.add(fresh);
                return r;
            }
            throw e;
        }
    }

    /** Opens a connection ahead of time, so the first requests do not pay for it. */
    void warm(int connections) throws IOException {
        for (int i = 0; i < connections; i++) {
            idle.add(open());
        }
    }

    void close() {
        for (Conn c; (c = idle.poll()) != null; ) {
            try {
                c.socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private Conn open() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(host, port), 5_000);
        s.setSoTimeout(30_000);
        return new Conn(s);
    }

    private static Response read(InputStream in) throws IOException {
        String status = line(in);
        if (status.isEmpty()) {
            throw new IOException("connection closed");
        }
        int code = Integer.parseInt(status.split(" ", 3)[1]);
        long length = -1;
        boolean chunked = false;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(h.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(512);
        if (chunked) {
            for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
            while (!line(in).isEmpty()) {
                // trailers
            }
        } else if (length > 0) {
            body.write(in.readNBytes((int) length));
        }
        return new Response(code, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            sb.append((char) b);
        }
        return sb.toString();
    }
}
