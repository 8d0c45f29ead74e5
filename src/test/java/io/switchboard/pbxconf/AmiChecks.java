package io.switchboard.pbxconf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * manager.conf against what the service does over AMI: the actions it sends (read from the
 * io.switchboard.pbx.asterisk sources) need write classes, the events AmiTranslator translates need
 * read classes and must pass the user's event filters, which drop the rest.
 */
final class AmiChecks {

    /** AMI event (Asterisk 22's spelling) → the class a user must read to get it; null = not sent by Asterisk 22. */
    static final Map<String, String> EVENT_CLASS = Map.ofEntries(
            Map.entry("Newchannel", "call"), Map.entry("NewCallerid", "call"), Map.entry("Newstate", "call"),
            Map.entry("LocalBridge", "call"), Map.entry("DialBegin", "call"), Map.entry("DialEnd", "call"),
            Map.entry("BridgeEnter", "call"), Map.entry("BridgeLeave", "call"), Map.entry("Hold", "call"),
            Map.entry("Unhold", "call"), Map.entry("BlindTransfer", "call"), Map.entry("AttendedTransfer", "call"),
            Map.entry("HangupRequest", "call"), Map.entry("SoftHangupRequest", "call"), Map.entry("Hangup", "call"),
            Map.entry("Newexten", "dialplan"), Map.entry("VarSet", "dialplan"), Map.entry("DTMFEnd", "dtmf"),
            Map.entry("UserEvent", "user"), Map.entry("QueueCallerJoin", "agent"), Map.entry("QueueCallerLeave", "agent"),
            Map.entry("QueueCallerAbandon", "agent"), Map.entry("AgentCalled", "agent"), Map.entry("AgentConnect", "agent"),
            Map.entry("AgentRingNoAnswer", "agent"), Map.entry("AgentComplete", "agent"),
            Map.entry("QueueMemberStatus", "agent"), Map.entry("QueueMemberPause", "agent"),
            Map.entry("QueueMemberAdded", "agent"), Map.entry("QueueMemberRemoved", "agent"));

    /** Names of Asterisk 1.8-11 the translator still accepts; Asterisk 22 never sends them. */
    static final Set<String> LEGACY_EVENTS = Set.of("join", "leave");

    /** asterisk-java action → write classes of which the user needs one (Asterisk's manager registrations). */
    static final Map<String, Set<String>> ACTION_CLASSES = Map.ofEntries(
            Map.entry("OriginateAction", Set.of("originate")), Map.entry("HangupAction", Set.of("system", "call")),
            Map.entry("BlindTransferAction", Set.of("call")), Map.entry("AtxferAction", Set.of("call")),
            Map.entry("CancelAtxferAction", Set.of("call")), Map.entry("QueueAddAction", Set.of("agent")),
            Map.entry("QueueRemoveAction", Set.of("agent")), Map.entry("QueuePauseAction", Set.of("agent")),
            Map.entry("PJSIPNotifyAction", Set.of("system")), Map.entry("PingAction", Set.of()),
            Map.entry("QueueStatusAction", Set.of()),
            // dialplan deployment: `Command: dialplan reload`
            Map.entry("CommandAction", Set.of("command")),
            // asterisk-java asks for the version at login
            Map.entry("CoreSettingsAction", Set.of("system", "reporting")),
            // the live channel snapshot after every login (docs/recovery.md)
            Map.entry("CoreShowChannelsAction", Set.of("system", "reporting")));

    /** Events the service does not read: the filter must keep them on the PBX. */
    static final List<String> NOISE_EVENTS = List.of("CEL", "Cdr", "DeviceStateChange", "AGIExecStart",
            "MusicOnHoldStart", "NewConnectedLine", "DialState", "BridgeCreate", "RTCPSent");

    /** Variables the dialplans set that the call model does not keep. */
    static final List<String> NOISE_VARIABLES = List.of("BRIDGEPEER", "DIALSTATUS", "MEMBERINTERFACE",
            "IVR_DIGIT", "__DID", "QUEUEPOSITION", "SB_ROUTE_LEVEL");

    private static final Pattern NEW_ACTION = Pattern.compile("new (\\w+Action)\\(");
    private static final Pattern CASES = Pattern.compile("case ((?:\"[a-z]+\"\\s*,?\\s*)+)->");
    private static final Pattern FILTER = Pattern.compile("eventfilter\\((.*)\\)");
    private static final Pattern CRITERION = Pattern.compile("(action|name|header|method)\\(([^)]*)\\)");

    private AmiChecks() {
    }

    record Filter(boolean include, String name, String header, String method, String value) {

        boolean matches(String event, Map<String, String> headers) {
            if (name != null && !name.equals(event)) {
                return false;
            }
            if (header == null) {
                return true;
            }
            String v = headers.get(header);
            if (v == null) {
                return false;
            }
            return switch (method) {
                case "exact" -> v.equals(value);
                case "starts_with" -> v.startsWith(value);
                case "ends_with" -> v.endsWith(value);
                case "contains" -> v.contains(value);
                case "regex" -> Pattern.compile(value).matcher(v).find();
                default -> true;
            };
        }
    }

    /** Asterisk's rule: with include filters an event must match one; no exclude filter may match it. */
    static boolean passes(List<Filter> filters, String event, Map<String, String> headers) {
        boolean anyInclude = filters.stream().anyMatch(Filter::include);
        boolean included = !anyInclude || filters.stream().anyMatch(f -> f.include() && f.matches(event, headers));
        return included && filters.stream().noneMatch(f -> !f.include() && f.matches(event, headers));
    }

    static List<String> check(PbxConfigSet c, Path projectRoot) {
        List<String> out = new ArrayList<>();
        ServiceSettings svc = c.service();
        AsteriskConf manager = c.asterisk("manager.conf");
        var user = manager.section(svc.amiUsername());
        if (user.isEmpty()) {
            return List.of("manager.conf has no user [" + svc.amiUsername() + "] (switchboard.pbx.<node>.username)");
        }
        AsteriskConf.Section u = user.get();
        List<String> deny = u.values("deny");
        if (!deny.contains("0.0.0.0/0.0.0.0") || u.values("permit").isEmpty()) {
            out.add("user " + u.name() + " needs deny = 0.0.0.0/0.0.0.0 and permit lines (ACL)");
        }
        Set<String> write = classes(u.value("write").orElse(""));
        Set<String> read = classes(u.value("read").orElse(""));
        if (write.contains("all") || read.contains("all")) {
            out.add("user " + u.name() + " has class all: name the classes it needs");
        }
        for (String action : actions(projectRoot)) {
            Set<String> need = ACTION_CLASSES.get(action);
            if (need == null) {
                out.add("the service sends " + action + ": add its write class to AmiChecks.ACTION_CLASSES");
            } else if (!need.isEmpty() && need.stream().noneMatch(write::contains)) {
                out.add("write = " + write + " lacks one of " + need + " for " + action);
            }
        }
        List<Filter> filters = filters(u, out);
        for (String name : translatedEvents(projectRoot)) {
            if (LEGACY_EVENTS.contains(name)) {
                continue;
            }
            String event = EVENT_CLASS.keySet().stream().filter(e -> e.equalsIgnoreCase(name)).findFirst().orElse(null);
            if (event == null) {
                out.add("AmiTranslator reads " + name + ": add it to AmiChecks.EVENT_CLASS");
                continue;
            }
            if (!read.contains(EVENT_CLASS.get(event))) {
                out.add("read = " + read + " lacks " + EVENT_CLASS.get(event) + " for " + event);
            }
            Map<String, String> headers = switch (event) {
                case "VarSet" -> Map.of("Variable", "QUEUESTATUS");
                case "Newexten" -> Map.of("Priority", "1");
                default -> Map.of();
            };
            if (!passes(filters, event, headers)) {
                out.add("eventfilter drops " + event + ", which AmiTranslator reads");
            }
        }
        List<String> keep = new ArrayList<>(List.of("QUEUESTATUS", "AGISTATUS"));
        keep.addAll(svc.ivrVariables());
        for (String v : keep) {
            for (String name : List.of(v, "__" + v)) {
                if (!passes(filters, "VarSet", Map.of("Variable", name))) {
                    out.add("eventfilter drops VarSet of " + name + " (switchboard.calls.ivr-variables / status)");
                }
            }
        }
        NOISE_VARIABLES.stream().filter(v -> passes(filters, "VarSet", Map.of("Variable", v)))
                .forEach(v -> out.add("eventfilter lets VarSet of " + v + " through: VarSet is not narrowed"));
        if (passes(filters, "Newexten", Map.of("Priority", "2"))) {
            out.add("eventfilter lets Newexten of priority 2 through: only priority 1 is read");
        }
        NOISE_EVENTS.stream().filter(e -> passes(filters, e, Map.of()))
                .forEach(e -> out.add("eventfilter lets " + e + " through, which the service does not read"));
        return out;
    }

    static List<Filter> filters(AsteriskConf.Section user, List<String> problems) {
        List<Filter> out = new ArrayList<>();
        for (AsteriskConf.Entry e : user.entries()) {
            if (e.key().equalsIgnoreCase("eventfilter")) {
                problems.add("line " + e.line() + ": legacy eventfilter (regex over the whole event); use eventfilter(...)");
                continue;
            }
            Matcher m = FILTER.matcher(e.key());
            if (!m.matches()) {
                continue;
            }
            String action = "include", name = null, header = null, method = "none";
            Matcher cm = CRITERION.matcher(m.group(1));
            while (cm.find()) {
                switch (cm.group(1)) {
                    case "action" -> action = cm.group(2);
                    case "name" -> name = cm.group(2);
                    case "header" -> header = cm.group(2);
                    default -> method = cm.group(2);
                }
            }
            out.add(new Filter(!action.equals("exclude"), name, header, method, e.value()));
        }
        return out;
    }

    /** The AMI actions the service's Asterisk adapter creates. */
    static Set<String> actions(Path projectRoot) {
        Set<String> out = new TreeSet<>(Set.of("CoreSettingsAction"));
        for (String f : List.of("AmiActions.java", "AmiCallControl.java", "AmiCollector.java")) {
            Matcher m = NEW_ACTION.matcher(source(projectRoot, f));
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** Lower-case event names of AmiTranslator's table. */
    static Set<String> translatedEvents(Path projectRoot) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = CASES.matcher(source(projectRoot, "AmiTranslator.java"));
        while (m.find()) {
            for (String n : m.group(1).split(",")) {
                out.add(n.strip().replace("\"", ""));
            }
        }
        return out;
    }

    private static String source(Path projectRoot, String file) {
        try {
            return Files.readString(projectRoot.resolve("src/main/java/io/switchboard/pbx/asterisk").resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> classes(String list) {
        Set<String> out = new TreeSet<>();
        Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }
}
