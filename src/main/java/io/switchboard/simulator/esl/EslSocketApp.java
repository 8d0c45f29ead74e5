package io.switchboard.simulator.esl;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * FreeSWITCH 1.10's {@code socket host:port async full} dialplan application, the client side of
 * an outbound event socket: connects, answers {@code connect} with the channel's data as one
 * command/reply block (url-encoded, as {@code mod_event_socket} writes it), and the usual commands
 * with FreeSWITCH's replies; {@code api uuid_setvar} sets the variable on the channel. Blocks the
 * calling thread for the conversation (run it on a virtual thread). Nothing listening: the
 * application returns at once and the dialplan goes on.
 */
final class EslSocketApp {

    private static final String DISCONNECT = "Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n";
    /** A routing server silent this long is given up on (FreeSWITCH itself would wait). */
    static final int READ_TIMEOUT_MS = 10_000;

    /** What happened on the socket. */
    record Result(boolean connected, List<String> commands, Map<String, String> variablesSet) {
        Result {
            commands = List.copyOf(commands);
            variablesSet = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variablesSet));
        }
    }

    private final EslLeg leg;
    private final Supplier<List<Map.Entry<String, String>>> channelData;
    private final List<String> commands = new ArrayList<>();
    private final Map<String, String> set = new LinkedHashMap<>();
    private boolean linger;

    /** @param channelData the channel's headers at the moment {@code connect} is answered */
    EslSocketApp(EslLeg leg, Supplier<List<Map.Entry<String, String>>> channelData) {
        this.leg = leg;
        this.channelData = channelData;
    }

    Result run(String host, int port) {
        try (Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress(host, port), 2_000);
            } catch (ConnectException | SocketTimeoutException refused) {
                return new Result(false, commands, set);
            }
            socket.setSoTimeout(READ_TIMEOUT_MS);
            converse(new EslFrameReader(socket.getInputStream()), new BufferedOutputStream(socket.getOutputStream()));
        } catch (IOException e) {
            // the server went away mid-conversation: FreeSWITCH goes on with the dialplan the same way
        }
        return new Result(true, commands, set);
    }

    private void converse(EslFrameReader in, OutputStream out) throws IOException {
        EslFrame f;
        while ((f = in.next()) != null) {
            String c = f.firstLine().strip();
            commands.add(c);
            if (c.equals("connect")) {
                out.write(connectReply());
            } else if (c.equals("exit")) {
                out.write(EslWire.commandReply("+OK bye"));
                out.write(disconnectNotice());
                out.flush();
                return;
            } else if (c.startsWith("api ")) {
                out.write(EslWire.apiResponse(api(c.substring(4).strip())));
            } else {
                out.write(EslWire.commandReply(reply(c)));
            }
            out.flush();
        }
    }

    private String reply(String c) {
        String word = c.contains(" ") ? c.substring(0, c.indexOf(' ')) : c;
        return switch (word) {
            case "resume" -> "+OK";
            case "linger" -> {
                linger = true;
                yield "+OK will linger";
            }
            case "nolinger" -> {
                linger = false;
                yield "+OK will not linger";
            }
            case "myevents" -> "+OK Events Enabled";
            case "event" -> "+OK event listener enabled " + (c.contains(" json") ? "json" : "plain");
            case "noevents" -> "+OK no longer listening for events";
            default -> "-ERR command not found";
        };
    }

    /** {@code uuid_setvar <uuid> <var> [value]}; other api commands are not served on this socket. */
    private String api(String c) {
        if (!c.startsWith("uuid_setvar ")) {
            return "-ERR " + c.split(" ", 2)[0] + " Command not found!\n";
        }
        String[] a = c.substring("uuid_setvar ".length()).strip().split(" ", 3);
        if (a.length < 2) {
            return "-USAGE: <uuid> <var> [value]\n";
        }
        if (!a[0].equals(leg.uuid)) {
            return "-ERR No such channel!\n";
        }
        String value = a.length > 2 ? a[2] : "";
        if (value.isEmpty()) {
            leg.unset(a[1]);
        } else {
            leg.set(a[1], value);
        }
        set.put(a[1], value);
        return "+OK\n";
    }

    private byte[] connectReply() {
        StringBuilder sb = new StringBuilder(8 * 1024);
        for (Map.Entry<String, String> h : channelData.get()) {
            sb.append(h.getKey()).append(": ").append(EslWire.urlEncode(h.getValue())).append('\n');
        }
        sb.append("Content-Type: command/reply\nReply-Text: %2BOK%0A\nSocket-Mode: async\nControl: full\n\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] disconnectNotice() {
        String head = "Content-Type: text/disconnect-notice\nControlled-Session-UUID: " + leg.uuid
                + "\nContent-Disposition: " + (linger ? "linger" : "disconnect") + "\nChannel-Name: " + leg.name
                + (linger ? "\nLinger-Time: -1\nContent-Length: 0\n\n"
                : "\nContent-Length: " + DISCONNECT.length() + "\n\n" + DISCONNECT);
        return head.getBytes(StandardCharsets.UTF_8);
    }
}
