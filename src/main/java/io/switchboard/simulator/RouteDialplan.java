package io.switchboard.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The priorities of the lab's routing dialplan as AMI shows them (pbx-conf extensions.conf
 * {@code [agi-route]} and {@code [inbound]}), and the FastAGI environment Asterisk 22 sends.
 */
final class RouteDialplan {

    static final String AGI = "agi,all";
    static final String CONTEXT = "agi-route";
    static final String SCRIPT = "route";
    /** {@code Queue(support,...)} is priority 6 of {@code [inbound]}. */
    static final int INBOUND_QUEUE_PRIORITY = 6;
    private static final int AGI_PRIORITY = 7;

    private final Leg caller;
    private final AgiRouting routing;
    private final String dialed;
    private String customerId;
    private String callType;

    RouteDialplan(Leg caller, AgiRouting routing) {
        this.caller = caller;
        this.routing = routing;
        this.dialed = caller.exten;
    }

    /** The trunk call arrives, the IVR's variables are set, and {@code [agi-route]} runs up to AGI(). */
    void enter(CallScript s, Map<String, String> given, Map<String, String> channelVars) {
        s.newchannel(caller);
        int p = 1;
        customerId = given.getOrDefault("CUSTOMER_ID", "4711");
        callType = given.getOrDefault("CALL_TYPE", "support");
        for (Map.Entry<String, String> v : given.entrySet()) {
            if (!v.getKey().equals("CUSTOMER_ID") && !v.getKey().equals("CALL_TYPE")) {
                s.newexten(caller, "from-trunk", dialed, p++, "Set", v.getKey() + "=" + v.getValue());
                set(s, channelVars, v.getKey(), v.getValue());
            }
        }
        s.newexten(caller, "from-trunk", dialed, p, "Goto", CONTEXT + ",s,1");
        s.newexten(caller, CONTEXT, "s", 1, "NoOp", "AGI routing test \"" + caller.cidName + "\" <" + caller.cidNum + ">");
        s.newexten(caller, CONTEXT, "s", 2, "Answer", "");
        s.newstate(caller, Leg.UP);
        s.cel("ANSWER", caller, "", "");
        s.newexten(caller, CONTEXT, "s", 3, "Set", "CUSTOMER_ID=" + customerId);
        set(s, channelVars, "CUSTOMER_ID", customerId);
        s.newexten(caller, CONTEXT, "s", 4, "Set", "CALL_TYPE=" + callType);
        set(s, channelVars, "CALL_TYPE", callType);
        s.newexten(caller, CONTEXT, "s", 5, "Set", "__ROUTE_TAG=agi-test");
        s.varSet(caller, "__ROUTE_TAG", "agi-test");
        channelVars.put("ROUTE_TAG", "agi-test");
        s.newexten(caller, CONTEXT, "s", 6, "Set", RoutedCall.ROUTE + "=");
        s.varSet(caller, RoutedCall.ROUTE, "");
        channelVars.remove(RoutedCall.ROUTE);
        s.newexten(caller, CONTEXT, "s", AGI_PRIORITY, "AGI", routing.url(SCRIPT) + "," + customerId + "," + callType);
    }

    /** The {@code agi_*} lines of res_agi's setup_env for a FastAGI call, in Asterisk 22's order. */
    Map<String, String> environment(Map<String, String> channelVars) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("agi_network", "yes");
        env.put("agi_network_script", SCRIPT);
        env.put("agi_request", routing.url(SCRIPT));
        env.put("agi_channel", caller.name);
        env.put("agi_language", "en");
        env.put("agi_type", "PJSIP");
        env.put("agi_uniqueid", caller.uniqueid);
        env.put("agi_version", "22.5.2");
        env.put("agi_callerid", known(caller.cidNum));
        env.put("agi_calleridname", known(caller.cidName));
        env.put("agi_callingpres", "0");
        env.put("agi_callingani2", "0");
        env.put("agi_callington", "0");
        env.put("agi_callingtns", "0");
        env.put("agi_dnid", dialed == null || dialed.isBlank() || dialed.equals("s") ? "unknown" : dialed);
        env.put("agi_rdnis", "unknown");
        env.put("agi_context", CONTEXT);
        env.put("agi_extension", "s");
        env.put("agi_priority", Integer.toString(AGI_PRIORITY));
        env.put("agi_enhanced", "0.0");
        env.put("agi_accountcode", "");
        env.put("agi_threadid", Long.toString(Thread.currentThread().threadId()));
        env.put("agi_arg_1", customerId);
        env.put("agi_arg_2", callType);
        return env;
    }

    /** AGI() returned: AGISTATUS, the check of ROUTE, then Goto(${ROUTE}) or the fallback's first line. */
    void afterAgi(CallScript s, String status, String route, boolean fallback, Map<String, String> channelVars) {
        s.varSet(caller, "AGISTATUS", status);
        s.newexten(caller, CONTEXT, "s", 8, "NoOp", "AGISTATUS=" + status + " " + RoutedCall.ROUTE + "=" + route);
        s.newexten(caller, CONTEXT, "s", 9, "GotoIf", (fallback ? "1" : "0") + "?fallback");
        if (!fallback) {
            s.newexten(caller, CONTEXT, "s", 10, "Goto", route);
            return;
        }
        s.newexten(caller, CONTEXT, "s", 11, "Set", "ROUTE_FALLBACK=yes");
        set(s, channelVars, "ROUTE_FALLBACK", "yes");
        s.newexten(caller, CONTEXT, "s", 12, "Goto", "inbound,s,1");
    }

    /** {@code [inbound]} up to its Queue() (the caller is already answered). */
    void inbound(CallScript s) {
        s.newexten(caller, "inbound", "s", 1, "NoOp", "Inbound call \"" + caller.cidName + "\" <" + caller.cidNum
                + "> tag=");
        s.newexten(caller, "inbound", "s", 2, "Answer", "");
        s.newexten(caller, "inbound", "s", 3, "Set", "CDR(userfield)=");
        s.newexten(caller, "inbound", "s", 4, "Playback", "silence/1");
        s.newexten(caller, "inbound", "s", 5, "Set", "QWAIT=60");
        s.varSet(caller, "QWAIT", "60");
    }

    /** A place that is not a queue: it plays something to the caller. */
    void divert(CallScript s, String context, String exten, int priority) {
        s.newexten(caller, context, exten, priority, "Playback", "custom/" + context);
    }

    /** The place's dialplan ends: Hangup(). */
    void hangup(CallScript s, int priority) {
        s.newexten(caller, caller.context, caller.exten, priority, "Hangup", "");
        s.softHangupRequest(caller, 16);
        s.hangup(caller, 16, "ANSWER");
    }

    static int priority(String text) {
        try {
            return Math.max(1, Integer.parseInt(text.strip()));
        } catch (NumberFormatException label) {
            return 1; // a priority label: the simulated places have only their first line
        }
    }

    private void set(CallScript s, Map<String, String> channelVars, String name, String value) {
        s.varSet(caller, name, value);
        channelVars.put(name, value);
    }

    private static String known(String v) {
        return Leg.UNKNOWN.equals(v) ? "unknown" : v;
    }
}
