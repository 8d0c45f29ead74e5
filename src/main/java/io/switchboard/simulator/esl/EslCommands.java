package io.switchboard.simulator.esl;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Answers inbound event-socket commands the way {@code mod_event_socket} (FreeSWITCH 1.10) does:
 * same reply texts, same framing, same effects on the connection's subscription.
 */
final class EslCommands {

    private final EslSimulator sim;

    EslCommands(EslSimulator sim) {
        this.sim = sim;
    }

    void handle(EslSession session, EslFrame frame) {
        String command = frame.firstLine().strip();
        sim.recordCommand(String.join("\n", frame.lines()));
        if (!session.authenticated()) {
            beforeAuth(session, command);
            return;
        }
        String verb = verb(command);
        String rest = command.length() > verb.length() ? command.substring(verb.length()).strip() : "";
        switch (verb) {
            case "api" -> api(session, rest);
            case "bgapi" -> bgapi(session, rest, frame.header("Job-UUID"));
            case "event" -> event(session, rest);
            case "nixevent" -> nixevent(session, rest);
            case "noevents" -> {
                reply(session, "+OK no longer listening for events", session.subscription().noEvents());
                sim.clientsChanged();
            }
            case "filter" -> filter(session, rest);
            case "myevents" -> reply(session, "+OK Events Enabled");
            case "linger" -> reply(session, "+OK will linger");
            case "nolinger" -> reply(session, "+OK will not linger");
            case "exit" -> {
                reply(session, "+OK bye");
                session.send(EslWire.disconnectNotice());
                session.closeAfterFlush();
            }
            default -> reply(session, "-ERR command not found");
        }
    }

    private void beforeAuth(EslSession session, String command) {
        if (!verb(command).equals("auth")) {
            reply(session, "-ERR invalid"); // FreeSWITCH keeps the connection open for another try
            return;
        }
        String password = command.substring(4).strip();
        if (password.equals(sim.settings().password())) {
            // counted before the reply leaves: a client that has read it sees itself logged in
            session.authenticated(true);
            sim.loggedIn();
            reply(session, "+OK accepted");
        } else {
            reply(session, "-ERR invalid");
            session.send(EslWire.disconnectNotice());
            session.closeAfterFlush();
        }
    }

    private void api(EslSession session, String line) {
        if (sim.swallows(line)) {
            return; // a hung switch: no response
        }
        String[] cmd = split(line);
        String result = sim.api().execute(cmd[0], cmd[1]);
        session.send(EslWire.apiResponse(result));
        sim.emitGenerated(sim.events().api(cmd[0], cmd[1]));
    }

    /** Replies at once; the result follows as a BACKGROUND_JOB event to every subscribed client. */
    private void bgapi(EslSession session, String line, String requestedJobUuid) {
        String jobUuid = requestedJobUuid != null && !requestedJobUuid.isBlank()
                ? requestedJobUuid.strip() : EslTraceRewriter.randomUuid();
        reply(session, "+OK Job-UUID: " + jobUuid, "Job-UUID: " + jobUuid);
        if (sim.swallows(line)) {
            return; // the job never ends
        }
        String[] cmd = split(line);
        sim.runJob(() -> {
            String result = sim.api().execute(cmd[0], cmd[1]);
            sim.emitGenerated(sim.events().api(cmd[0], cmd[1]));
            sim.emitGenerated(sim.events().backgroundJob(jobUuid, cmd[0], cmd[1], result));
        });
    }

    /** {@code event [plain|json|xml] <names>}; the format word is optional and defaults to plain. */
    private void event(EslSession session, String rest) {
        List<String> tokens = Arrays.asList(rest.isEmpty() ? new String[0] : rest.split("\\s+"));
        String contentType = EslWire.PLAIN;
        if (!tokens.isEmpty()) {
            String format = tokens.get(0).toLowerCase(Locale.ROOT);
            String type = switch (format) {
                case "plain" -> EslWire.PLAIN;
                case "json" -> EslWire.JSON;
                case "xml" -> EslWire.XML;
                default -> null;
            };
            if (type != null) {
                contentType = type;
                tokens = tokens.subList(1, tokens.size());
            }
        }
        EslSubscription next = session.subscription().subscribe(contentType, tokens);
        if (next == null) {
            reply(session, "-ERR no keywords supplied");
            return;
        }
        reply(session, "+OK event listener enabled " + contentType.substring("text/event-".length()), next);
        sim.clientsChanged();
    }

    private void nixevent(EslSession session, String rest) {
        if (rest.isEmpty()) {
            reply(session, "-ERR no keywords supplied");
            return;
        }
        reply(session, "+OK events nixed", session.subscription().nix(Arrays.asList(rest.split("\\s+"))));
        sim.clientsChanged();
    }

    /** {@code filter <header> <value>}, {@code filter add ...}, {@code filter delete <header>|all [value]}. */
    private void filter(EslSession session, String rest) {
        String[] hv = split(rest);
        if (hv[1].isEmpty()) {
            reply(session, "-ERR invalid syntax");
            return;
        }
        EslSubscription s = session.subscription();
        if (hv[0].equalsIgnoreCase("delete")) {
            String[] target = split(hv[1]);
            List<Map.Entry<String, String>> kept = target[0].equalsIgnoreCase("all") ? List.of()
                    : s.filters().stream().filter(f -> !(f.getKey().equalsIgnoreCase(target[0])
                            && (target[1].isEmpty() || f.getValue().equals(target[1])))).toList();
            reply(session, "+OK filter deleted. [" + target[0] + "]=[" + target[1] + "]", s.withFilters(kept));
            return;
        }
        if (hv[0].equalsIgnoreCase("add")) {
            hv = split(hv[1]);
        }
        reply(session, "+OK filter added. [" + hv[0] + "]=[" + hv[1] + "]",
                s.withFilters(EslSubscription.plus(s.filters(), hv[0], hv[1])));
    }

    private static void reply(EslSession session, String text, String... extraHeaderLines) {
        session.send(EslWire.commandReply(text, extraHeaderLines));
    }

    /** A reply that changes what the connection receives, effective exactly after the reply. */
    private static void reply(EslSession session, String text, EslSubscription next) {
        session.reply(EslWire.commandReply(text), next);
    }

    private static String verb(String command) {
        int space = command.indexOf(' ');
        return (space < 0 ? command : command.substring(0, space)).toLowerCase(Locale.ROOT);
    }

    /** First word and the (stripped) rest, "" when absent. */
    private static String[] split(String s) {
        String t = s.strip();
        int space = t.indexOf(' ');
        return space < 0 ? new String[]{t, ""} : new String[]{t.substring(0, space), t.substring(space + 1).strip()};
    }
}
