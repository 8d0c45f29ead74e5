package io.switchboard.simulator.esl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What one connection asked to receive, immutable so emitters can read it without locking while
 * the connection's reader replaces it. Semantics follow {@code mod_event_socket}'s event_handler:
 * {@code ALL} passes everything; CUSTOM events with a subclass pass only for a subscribed
 * subclass; filters are OR-ed, case-insensitive, {@code -value} rejects, {@code /regex/} matches.
 *
 * @param contentType {@link EslWire#PLAIN}, {@link EslWire#JSON} or {@link EslWire#XML}: the last format asked for
 * @param all         {@code event ... ALL} without a later {@code nixevent}
 * @param names       event names enabled (upper case)
 * @param subclasses  CUSTOM subclasses enabled
 * @param filters     header/value pairs in the order added
 */
record EslSubscription(String contentType, boolean all, Set<String> names, Set<String> subclasses,
                       List<Map.Entry<String, String>> filters) {

    static final EslSubscription NONE = new EslSubscription(EslWire.PLAIN, false, Set.of(), Set.of(), List.of());

    /** Every FreeSWITCH event type but ALL, for {@code nixevent} after {@code ALL}. */
    private static final Set<String> ALL_NAMES = Set.of("CUSTOM", "CLONE", "CHANNEL_CREATE", "CHANNEL_DESTROY",
            "CHANNEL_STATE", "CHANNEL_CALLSTATE", "CHANNEL_ANSWER", "CHANNEL_HANGUP", "CHANNEL_HANGUP_COMPLETE",
            "CHANNEL_EXECUTE", "CHANNEL_EXECUTE_COMPLETE", "CHANNEL_HOLD", "CHANNEL_UNHOLD", "CHANNEL_BRIDGE",
            "CHANNEL_UNBRIDGE", "CHANNEL_PROGRESS", "CHANNEL_PROGRESS_MEDIA", "CHANNEL_OUTGOING", "CHANNEL_PARK",
            "CHANNEL_UNPARK", "CHANNEL_APPLICATION", "CHANNEL_ORIGINATE", "CHANNEL_UUID", "API", "LOG",
            "INBOUND_CHAN", "OUTBOUND_CHAN", "STARTUP", "SHUTDOWN", "PUBLISH", "UNPUBLISH", "TALK", "NOTALK",
            "SESSION_CRASH", "MODULE_LOAD", "MODULE_UNLOAD", "DTMF", "MESSAGE", "PRESENCE_IN", "NOTIFY_IN",
            "PRESENCE_OUT", "PRESENCE_PROBE", "MESSAGE_WAITING", "MESSAGE_QUERY", "ROSTER", "CODEC",
            "BACKGROUND_JOB", "DETECTED_SPEECH", "DETECTED_TONE", "PRIVATE_COMMAND", "HEARTBEAT", "TRAP",
            "ADD_SCHEDULE", "DEL_SCHEDULE", "EXE_SCHEDULE", "RE_SCHEDULE", "RELOADXML", "NOTIFY", "PHONE_FEATURE",
            "PHONE_FEATURE_SUBSCRIBE", "SEND_MESSAGE", "RECV_MESSAGE", "REQUEST_PARAMS", "CHANNEL_DATA",
            "GENERAL", "COMMAND", "SESSION_HEARTBEAT", "CLIENT_DISCONNECTED", "SERVER_DISCONNECTED",
            "SEND_INFO", "RECV_INFO", "RECV_RTCP_MESSAGE", "SEND_RTCP_MESSAGE", "CALL_SECURE", "NAT",
            "RECORD_START", "RECORD_STOP", "PLAYBACK_START", "PLAYBACK_STOP", "CALL_UPDATE", "FAILURE",
            "SOCKET_DATA", "MEDIA_BUG_START", "MEDIA_BUG_STOP", "CONFERENCE_DATA_QUERY", "CONFERENCE_DATA",
            "CALL_SETUP_REQ", "CALL_SETUP_RESULT", "CALL_DETAIL", "DEVICE_STATE", "TEXT", "SHUTDOWN_REQUESTED");

    EslSubscription {
        names = Set.copyOf(names);
        subclasses = Set.copyOf(subclasses);
        filters = List.copyOf(filters);
    }

    /** True when some event can pass. */
    boolean active() {
        return all || !names.isEmpty();
    }

    /**
     * {@code event <format> <tokens>}: after {@code CUSTOM} every token is a subclass, as in
     * FreeSWITCH. Returns null when no keyword was given.
     */
    EslSubscription subscribe(String newContentType, List<String> tokens) {
        boolean newAll = all;
        Set<String> n = new HashSet<>(names);
        Set<String> s = new HashSet<>(subclasses);
        boolean custom = false;
        int keys = 0;
        for (String t : tokens) {
            if (custom) {
                s.add(t);
            } else if (t.equalsIgnoreCase("ALL")) {
                newAll = true;
                n.addAll(ALL_NAMES);
            } else {
                String name = t.toUpperCase(Locale.ROOT);
                n.add(name);
                custom = name.equals("CUSTOM");
            }
            keys++;
        }
        return keys == 0 ? null : new EslSubscription(newContentType, newAll, n, s, filters);
    }

    /** {@code nixevent}: ALL clears everything; a name removed after ALL keeps all the others. */
    EslSubscription nix(List<String> tokens) {
        boolean newAll = all;
        Set<String> n = new HashSet<>(names);
        Set<String> s = new HashSet<>(subclasses);
        boolean custom = false;
        for (String t : tokens) {
            if (custom) {
                s.remove(t);
            } else if (t.equalsIgnoreCase("ALL")) {
                newAll = false;
                n.clear();
                s.clear();
            } else {
                String name = t.toUpperCase(Locale.ROOT);
                newAll = false;
                n.remove(name);
                custom = name.equals("CUSTOM");
            }
        }
        return new EslSubscription(contentType, newAll, n, s, filters);
    }

    /** {@code noevents}: filters survive, as in FreeSWITCH. */
    EslSubscription noEvents() {
        return new EslSubscription(contentType, false, Set.of(), Set.of(), filters);
    }

    EslSubscription withFilters(List<Map.Entry<String, String>> newFilters) {
        return new EslSubscription(contentType, all, names, subclasses, newFilters);
    }

    boolean wants(SimEvent event) {
        if (!active()) {
            return false;
        }
        if (!all) {
            String name = event.eventName();
            if (name == null || !names.contains(name)) {
                return false;
            }
            String subclass = event.subclass();
            if (name.equals("CUSTOM") && subclass != null && !subclasses.contains(subclass)) {
                return false;
            }
        }
        return filters.isEmpty() || passesFilters(event);
    }

    private boolean passesFilters(SimEvent event) {
        boolean send = false;
        for (Map.Entry<String, String> f : filters) {
            String actual = event.header(f.getKey());
            if (actual == null) {
                continue;
            }
            String expected = f.getValue();
            boolean positive = true;
            int i = 0;
            while (i < expected.length() && "+- ".indexOf(expected.charAt(i)) >= 0) {
                char c = expected.charAt(i++);
                positive = c == ' ' ? positive : c == '+';
            }
            if (send && positive) {
                continue;
            }
            String compareTo = expected.substring(i);
            if (matches(actual, compareTo)) {
                if (!positive) {
                    return false;
                }
                send = true;
            }
        }
        return send;
    }

    private static boolean matches(String actual, String expected) {
        if (expected.startsWith("/")) {
            String regex = expected.endsWith("/") && expected.length() > 1
                    ? expected.substring(1, expected.length() - 1) : expected.substring(1);
            try {
                return Pattern.compile(regex).matcher(actual).find();
            } catch (PatternSyntaxException e) {
                return false;
            }
        }
        return actual.equalsIgnoreCase(expected);
    }

    static List<Map.Entry<String, String>> plus(List<Map.Entry<String, String>> filters, String header, String value) {
        List<Map.Entry<String, String>> out = new ArrayList<>(filters);
        out.add(Map.entry(header, value));
        return out;
    }
}
