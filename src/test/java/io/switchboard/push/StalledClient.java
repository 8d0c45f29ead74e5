package io.switchboard.push;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A WebSocket client that completes the handshake and then never reads again. */
final class StalledClient implements AutoCloseable {

    private final Socket socket;

    private StalledClient(Socket socket) {
        this.socket = socket;
    }

    static StalledClient open(String host, int port, String path, String authorization) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096); // a small window: the server's writes back up sooner
        s.connect(new InetSocketAddress(host, port), 5_000);
        s.setSoTimeout(5_000);
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"
                + "Authorization: " + authorization + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        String response = readHeaders(s.getInputStream());
        if (!response.startsWith("HTTP/1.1 101")) {
            s.close();
            throw new IOException("handshake refused: " + response);
        }
        return new StalledClient(s);
    }

    /** Reads byte by byte up to the blank line, so nothing of the first frame is taken off the socket. */
    private static String readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed during the handshake");
            }
            b.write(c);
            matched = c == end[matched] ? matched + 1 : (c == '\r' ? 1 : 0);
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
