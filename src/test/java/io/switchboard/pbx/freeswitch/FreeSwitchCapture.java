package io.switchboard.pbx.freeswitch;

import io.switchboard.simulator.esl.EslTrace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real FreeSWITCH capture as decoded header maps, with what the capture itself says about each
 * caller listed in {@code callcenter-calls.tsv} (mod_callcenter's own member and agent events).
 */
public record FreeSwitchCapture(String name, List<Map<String, String>> events) {

    public static FreeSwitchCapture load(String name) {
        List<Map<String, String>> events = new ArrayList<>();
        EslTrace.load("simulator/freeswitch/" + name + ".esl").forEach(t -> {
            Map<String, String> h = new LinkedHashMap<>();
            t.event().headers().forEach(e -> h.putIfAbsent(e.getKey(), e.getValue()));
            events.add(h);
        });
        return new FreeSwitchCapture(name, events);
    }

    /** tag → (kind, caller a-leg uuid) from the capture's call list. */
    public static Map<String, String[]> callers() {
        Map<String, String[]> out = new LinkedHashMap<>();
        try (InputStream in = FreeSwitchCapture.class.getResourceAsStream("/simulator/freeswitch/callcenter-calls.tsv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split("\t");
                out.put(f[0], new String[]{f[1], f[2]});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** What mod_callcenter reported for the caller whose a-leg is {@code aLeg}. */
    public Expected expected(String aLeg) {
        String session = null;
        for (Map<String, String> e : events) {
            if ("CHANNEL_CREATE".equals(e.get("Event-Name")) && aLeg.equals(e.get("variable_other_loopback_leg_uuid"))) {
                session = e.get("Unique-ID");
            }
        }
        Expected x = new Expected();
        double start = 0;
        for (Map<String, String> e : events) {
            if (session == null || !session.equals(e.get("CC-Member-Session-UUID"))
                    && !(session.equals(e.get("Unique-ID")) && "CHANNEL_HANGUP_COMPLETE".equals(e.get("Event-Name")))) {
                continue;
            }
            double t = Long.parseLong(e.get("Event-Date-Timestamp")) / 1e6;
            switch (e.getOrDefault("CC-Action", e.get("Event-Name"))) {
                case "bridge-agent-start" -> {
                    x.agent = e.get("CC-Agent");
                    x.waitSeconds = Integer.parseInt(e.get("CC-Agent-Answered-Time"))
                            - Integer.parseInt(e.get("CC-Member-Joined-Time"));
                    start = t;
                }
                case "bridge-agent-end" -> x.talkSeconds = t - start;
                case "bridge-agent-fail" -> x.noAnswerAgents.add(e.get("CC-Agent"));
                case "member-queue-end" -> {
                    x.cause = e.get("CC-Cause");
                    if ("Cancel".equals(x.cause)) {
                        x.waitSeconds = Integer.parseInt(e.get("CC-Member-Leaving-Time"))
                                - Integer.parseInt(e.get("CC-Member-Joined-Time"));
                    }
                }
                case "CHANNEL_HANGUP_COMPLETE" -> x.callerGoneAfter = start == 0 ? 0 : t - start;
                default -> {
                }
            }
        }
        return x;
    }

    public static final class Expected {
        public String agent;
        public int waitSeconds;
        public double talkSeconds;
        public double callerGoneAfter;
        public String cause;
        public final List<String> noAnswerAgents = new ArrayList<>();
    }
}
