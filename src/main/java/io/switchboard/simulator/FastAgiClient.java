package io.switchboard.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Asterisk's side of a FastAGI conversation ({@code res_agi}): connect, send the {@code agi_*}
 * environment and a blank line, then answer each command line as Asterisk 22 does until the
 * server closes the connection. One connection per call, as {@code AGI(agi://...)} makes.
 */
public final class FastAgiClient {

    /** What the channel does with the commands; called on the conversation's thread. */
    public interface Channel {
        /** GET VARIABLE: the value, or null when unset. */
        String variable(String name);

        /** SET VARIABLE. */
        void set(String name, String value);

        /** HANGUP: the channel is hung up; later commands are refused. */
        default void hangup() {
        }

        /** A command arrived (AGIExecStart) / was answered (AGIExecEnd). */
        default void executing(int commandId, String command) {
        }

        default void executed(int commandId, String command, int code, String result) {
        }
    }

    /** How the AGI application ended ({@code AGISTATUS}) and the command lines received. */
    public record Result(String status, List<String> commands) {
    }

    private FastAgiClient() {
    }

    /**
     * @param environment the {@code agi_*} lines in order (name → value), without the blank line
     * @return SUCCESS when the server ended the conversation, FAILURE when it could not be reached
     *         or went silent past {@code timeout}, HANGUP after a HANGUP command
     */
    public static Result run(InetSocketAddress server, Map<String, String> environment, Channel channel,
                             Duration timeout) {
        List<String> commands = new ArrayList<>();
        boolean hungUp = false;
        try (Socket s = new Socket()) {
            s.connect(server, (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            s.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            StringBuilder env = new StringBuilder(512);
            environment.forEach((k, v) -> env.append(k).append(": ").append(v == null ? "" : v).append('\n'));
            env.append('\n');
            out.write(env.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                commands.add(line);
                int id = (int) (Math.random() * Integer.MAX_VALUE);
                channel.executing(id, line);
                Reply r = hungUp ? Reply.DEAD : answer(line, channel);
                if (r == Reply.HUNG_UP) {
                    hungUp = true;
                }
                out.write((r.text + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                channel.executed(id, line, r.code, r.result);
            }
            return new Result(hungUp ? "HANGUP" : "SUCCESS", commands);
        } catch (SocketTimeoutException silent) {
            return new Result("FAILURE", commands);
        } catch (IOException unreachable) {
            return new Result(hungUp ? "HANGUP" : "FAILURE", commands);
        }
    }

    private record Reply(int code, String text, String result) {
        static final Reply OK = new Reply(200, "200 result=1", "Success");
        static final Reply ZERO = new Reply(200, "200 result=0", "Success");
        static final Reply HUNG_UP = new Reply(200, "200 result=1", "Success");
        static final Reply DEAD = new Reply(511, "511 Command Not Permitted on a dead channel or intercept routine",
                "Command Not Permitted");
        static final Reply UNKNOWN = new Reply(510, "510 Invalid or unknown command", "Invalid or unknown command");
        static final Reply USAGE = new Reply(520, "520 Invalid command syntax.  Proper usage not available.",
                "Usage");
    }

    private static Reply answer(String line, Channel channel) {
        List<String> args = split(line);
        String verb = args.isEmpty() ? "" : args.get(0).toUpperCase(java.util.Locale.ROOT);
        String second = args.size() > 1 ? args.get(1).toUpperCase(java.util.Locale.ROOT) : "";
        switch (verb + (verb.equals("SET") || verb.equals("GET") ? " " + second : "")) {
            case "SET VARIABLE" -> {
                if (args.size() < 4) {
                    return Reply.USAGE;
                }
                channel.set(args.get(2), args.get(3));
                return Reply.OK;
            }
            case "GET VARIABLE" -> {
                if (args.size() < 3) {
                    return Reply.USAGE;
                }
                String v = channel.variable(args.get(2));
                return v == null ? Reply.ZERO : new Reply(200, "200 result=1 (" + v + ")", "Success");
            }
            case "VERBOSE" -> {
                return Reply.OK;
            }
            case "ANSWER", "NOOP" -> {
                return Reply.ZERO;
            }
            case "HANGUP" -> {
                channel.hangup();
                return Reply.HUNG_UP;
            }
            default -> {
                return Reply.UNKNOWN;
            }
        }
    }

    /** Splits a command line as res_agi's parse_args: blanks separate, double quotes group, backslash escapes. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean escaped = false;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (escaped) {
                cur.append(c);
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
                any = true;
            } else if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (!quoted && (c == ' ' || c == '\t')) {
                if (any) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else {
                cur.append(c);
                any = true;
            }
        }
        if (any) {
            out.add(cur.toString());
        }
        return out;
    }
}
