package io.switchboard.simulator;

import io.switchboard.pbx.asterisk.ami.AmiFrame;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts of an AMI {@code Originate} action a synthetic call is built from. */
record OriginateRequest(String actionId, String channel, String context, String exten, String priority,
                        String application, String data, String callerNum, String callerName,
                        Map<String, String> variables) {

    private static final Pattern CALLER_ID = Pattern.compile("^\\s*\"?([^\"<]*?)\"?\\s*<([^>]*)>\\s*$");

    static OriginateRequest of(AmiFrame action) {
        String callerNum = "";
        String callerName = "";
        String callerId = action.getOrDefault("CallerID", "").trim();
        Matcher m = CALLER_ID.matcher(callerId);
        if (m.matches()) {
            callerName = m.group(1).trim();
            callerNum = m.group(2).trim();
        } else {
            callerNum = callerId;
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (String value : action.getAll("Variable")) {
            // older clients send several assignments in one header, separated by commas
            for (String assignment : value.split(",")) {
                int eq = assignment.indexOf('=');
                if (eq > 0) {
                    vars.put(assignment.substring(0, eq).trim(), assignment.substring(eq + 1));
                }
            }
        }
        return new OriginateRequest(action.get("ActionID"), action.getOrDefault("Channel", "").trim(),
                action.get("Context"), action.get("Exten"), action.getOrDefault("Priority", "1"),
                action.get("Application"), action.getOrDefault("Data", ""), callerNum, callerName, vars);
    }

    boolean usesApplication() {
        return application != null && !application.isBlank();
    }

    /** The OriginateResponse Asterisk sends once the originated channel answered. */
    void response(CallScript s, Leg leg) {
        s.event("OriginateResponse", CallScript.CALL, b -> {
            if (actionId != null) {
                b.add("ActionID", actionId);
            }
            b.add("Response", "Success").add("Channel", leg.name);
            if (usesApplication()) {
                b.add("Application", application).add("Data", data);
            } else {
                b.add("Context", context == null ? "default" : context).add("Exten", exten == null ? "s" : exten);
            }
            b.add("Reason", "4").add("Uniqueid", leg.uniqueid)
                    .add("CallerIDNum", callerNum.isEmpty() ? Leg.UNKNOWN : callerNum)
                    .add("CallerIDName", callerName.isEmpty() ? Leg.UNKNOWN : callerName);
        });
    }
}
