package io.switchboard.pbx.asterisk.agi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Plays Asterisk 22 on a plain socket: sends a captured FastAGI request byte for byte and answers
 * each command as res_agi would, recording the command lines exactly as received.
 */
final class RawAgiClient {

    static final String LINKEDID = "1795464185.116";

    private RawAgiClient() {
    }

    /** The captured request with {@code agi_network_script}/{@code agi_request} script and CALL_TYPE replaced. */
    static String request(String script, String callType) throws IOException {
        try (InputStream in = RawAgiClient.class.getResourceAsStream("/agi/asterisk22-route-request.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.replace("agi_network_script: route\n", "agi_network_script: " + script + "\n")
                    .replace("4573/route\n", "4573/" + script + "\n")
                    .replace("agi_arg_2: support\n", "agi_arg_2: " + callType + "\n");
        }
    }

    /** Sends the request and answers until the server closes the connection; returns the command lines. */
    static List<String> converse(int port, String request) throws IOException {
        List<String> commands = new ArrayList<>();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                commands.add(line);
                String reply = line.startsWith("GET VARIABLE") && line.contains("CHANNEL(linkedid)")
                        ? "200 result=1 (" + LINKEDID + ")"
                        : line.startsWith("GET VARIABLE") ? "200 result=0" : "200 result=1";
                out.write((reply + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
        return commands;
    }
}
