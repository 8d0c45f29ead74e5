package io.switchboard.simulator.esl;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The api commands of the simulated switch, answered with the text FreeSWITCH 1.10 prints. Tests
 * can add or override commands with {@link #register}.
 */
final class EslApi {

    static final String VERSION = "1.10.12-release+git~20240802T210227Z~a88d069d6f~64bit";
    private final EslChannels channels;
    private final EslCallcenter callcenter;
    private final EslLive live;
    private final Map<String, Function<String, String>> custom = new ConcurrentHashMap<>();
    private final long startedMicros = EslTime.nowMicros();

    EslApi(EslChannels channels, EslCallcenter callcenter, EslLive live) {
        this.channels = channels;
        this.callcenter = callcenter;
        this.live = live;
    }

    /** {@code handler} gets the arguments ("" when none) and returns the response body. */
    void register(String command, Function<String, String> handler) {
        custom.put(command.toLowerCase(Locale.ROOT), handler);
    }

    /** Runs {@code command} with {@code args} and returns the api/response body. */
    String execute(String command, String args) {
        Function<String, String> handler = custom.get(command.toLowerCase(Locale.ROOT));
        if (handler != null) {
            return handler.apply(args);
        }
        return switch (command) {
            case "status" -> status();
            case "version" -> "FreeSWITCH Version " + VERSION + " (git a88d069 2024-08-02 21:02:27Z 64bit)\n";
            case "hostname" -> EslEventFactory.HOSTNAME;
            case "show" -> show(args);
            case "reloadxml" -> "+OK [Success]\n";
            case "originate" -> originate(args);
            case "uuid_kill" -> orTable(live.kill(args), args, true);
            case "uuid_transfer" -> orTable(live.transfer(args), args, false);
            case "uuid_hold" -> live.hold(args);
            case "uuid_phone_event" -> live.phoneEvent(args);
            case "uuid_bridge" -> live.bridge(args);
            case "uuid_setvar" -> live.setVars(args, false);
            case "uuid_setvar_multi" -> live.setVars(args, true);
            case "uuid_exists" -> channels.exists(firstWord(args)) ? "true" : "false";
            case "callcenter_config" -> callcenter.execute(args);
            default -> "-ERR " + command + " Command not found!\n";
        };
    }

    private String status() {
        long up = EslTime.nowMicros() - startedMicros;
        long seconds = up / 1_000_000L;
        String uptime = String.format(Locale.ROOT,
                "UP 0 years, %d days, %d hours, %d minutes, %d seconds, %d milliseconds, %d microseconds",
                seconds / 86_400, seconds / 3_600 % 24, seconds / 60 % 60, seconds % 60, up / 1_000 % 1_000, up % 1_000);
        int peak = channels.peak();
        return uptime + "\n"
                + "FreeSWITCH (Version 1.10.12-release git a88d069 2024-08-02 21:02:27Z 64bit) is ready\n"
                + channels.sinceStartup() + " session(s) since startup\n"
                + channels.size() + " session(s) - peak " + peak + ", last 5min " + peak + " \n"
                + "0 session(s) per Sec out of max 30, peak 0, last 5min 0 \n"
                + "1000 session(s) max\n"
                + "min idle cpu 0.00/99.00\n"
                + "Current Stack Size/Max 240K/8192K\n";
    }

    private String show(String args) {
        String what = args.trim().toLowerCase(Locale.ROOT);
        if (what.equals("channels as json")) {
            return channels.showJson();
        }
        if (what.equals("channels") || what.equals("calls")) {
            return channels.show();
        }
        if (what.equals("channels count") || what.equals("calls count")) {
            return channels.count();
        }
        return "-USAGE: codec|endpoint|application|api|dialplan|file|timer|calls [count]|channels [count|like "
                + "<match string>]|calls|detailed_calls|bridged_calls|detailed_bridged_calls|aliases|complete|chat|"
                + "management|modules|nat_map|say|interfaces|interface_types|tasks|limits|status\n";
    }

    /** {@code originate <dial string> <exten>|&app()}: the new channel's uuid, honouring origination_uuid. */
    private String originate(String args) {
        EslOriginateArgs o = EslOriginateArgs.parse(args);
        if (o == null) {
            return EslOriginateArgs.USAGE;
        }
        String uuid = o.vars().getOrDefault("origination_uuid", EslTraceRewriter.randomUuid());
        if (channels.exists(uuid)) {
            return "-ERR DESTINATION_OUT_OF_ORDER\n";
        }
        return live.originate(o, uuid);
    }

    /** A channel the switch does not run itself (a played capture's): uuid_kill forgets it, uuid_transfer checks it. */
    private String orTable(String liveReply, String args, boolean kill) {
        if (liveReply != null) {
            return liveReply;
        }
        String uuid = firstWord(args);
        if (uuid.isEmpty()) {
            return "-USAGE: <uuid> " + (kill ? "[cause]" : "[-bleg|-both] <dest-exten> [<dialplan>] [<context>]") + "\n";
        }
        boolean known = kill ? channels.remove(uuid) : channels.exists(uuid);
        return known ? "+OK\n" : EslLive.NO_SUCH_CHANNEL;
    }

    private static String firstWord(String args) {
        String t = args.trim();
        int space = t.indexOf(' ');
        return space < 0 ? t : t.substring(0, space);
    }
}
