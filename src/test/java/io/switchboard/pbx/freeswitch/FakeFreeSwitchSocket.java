package io.switchboard.pbx.freeswitch;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * FreeSWITCH's {@code socket} application on raw bytes: connects to the routing server, answers
 * {@code connect} with a captured channel-data block, the other commands as FreeSWITCH 1.10
 * does, and records every command received.
 */
final class FakeFreeSwitchSocket implements AutoCloseable {

    static byte[] capturedConnectReply() {
        try (InputStream in = FakeFreeSwitchSocket.class.getResourceAsStream("/freeswitch/socket-connect-reply.esl")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final List<String> commands = new ArrayList<>();

    FakeFreeSwitchSocket(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Serves the whole conversation with {@code connectReply}; returns the commands received. */
    List<String> converse(byte[] connectReply) throws IOException {
        String c;
        while ((c = command()) != null) {
            commands.add(c);
            if (c.equals("connect")) {
                out.write(connectReply);
            } else if (c.equals("resume") || c.equals("linger") || c.equals("myevents")) {
                reply(c.equals("resume") ? "+OK" : c.equals("linger") ? "+OK will linger" : "+OK Events Enabled");
            } else if (c.startsWith("api ")) {
                byte[] body = "+OK\n".getBytes(StandardCharsets.US_ASCII);
                out.write(("Content-Type: api/response\nContent-Length: " + body.length + "\n\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body);
            } else if (c.equals("exit")) {
                reply("+OK bye");
                return commands;
            } else {
                reply("-ERR command not found");
            }
            out.flush();
        }
        return commands;
    }

    /** Reads the next command (first line of a block), or null when the server closed. */
    String command() throws IOException {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        int prev = -1;
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n' && prev == '\n') {
                String text = block.toString(StandardCharsets.UTF_8).strip();
                return text.lines().findFirst().orElse("");
            }
            block.write(b);
            prev = b;
        }
        return null;
    }

    void send(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void reply(String text) throws IOException {
        out.write(("Content-Type: command/reply\nReply-Text: " + text + "\n\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** True once the server has closed its side. */
    boolean closedByServer() throws IOException {
        return in.read() < 0;
    }

    List<String> commands() {
        return commands;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
