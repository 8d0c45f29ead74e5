package io.switchboard.simulator;

import io.switchboard.pbx.asterisk.ami.AmiFrame;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Channels that are up according to what the simulator emitted (Newchannel without Hangup yet),
 * enough to answer {@code CoreShowChannels} and to tell whether an action names a live channel.
 */
final class ChannelRegistry {

    private record Active(long createdNanos, long order, Map<String, String> fields) {
    }

    private final Map<String, Active> byUniqueid = new ConcurrentHashMap<>();
    private long order;

    /** Updates the table from one emitted event. */
    void observe(AmiFrame event) {
        String name = event.eventName();
        if (name == null) {
            return;
        }
        String uniqueid = event.get("Uniqueid");
        if (uniqueid == null) {
            return;
        }
        switch (name) {
            case "Newchannel" -> byUniqueid.put(uniqueid, new Active(System.nanoTime(), nextOrder(), snapshot(event, null)));
            case "Hangup" -> byUniqueid.remove(uniqueid);
            case "Newstate", "NewCallerid", "NewConnectedLine", "Newexten", "Rename" -> update(uniqueid, event, null);
            case "BridgeEnter" -> update(uniqueid, event, event.get("BridgeUniqueid"));
            case "BridgeLeave" -> update(uniqueid, event, "");
            default -> {
                // other events do not change what CoreShowChannels reports
            }
        }
    }

    boolean hasChannel(String channel) {
        for (Active a : byUniqueid.values()) {
            if (channel.equals(a.fields().get("Channel"))) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return byUniqueid.size();
    }

    /** One {@code CoreShowChannel} event per live channel, oldest first. */
    List<AmiFrame> coreShowChannels(String actionId) {
        List<Active> live = new ArrayList<>(byUniqueid.values());
        live.sort(Comparator.comparingLong(Active::order));
        List<AmiFrame> out = new ArrayList<>(live.size());
        long now = System.nanoTime();
        for (Active a : live) {
            Map<String, String> f = a.fields();
            AmiFrame.Builder b = AmiFrame.builder().add("Event", "CoreShowChannel");
            if (actionId != null) {
                b.add("ActionID", actionId);
            }
            for (String h : List.of("Channel", "ChannelState", "ChannelStateDesc", "CallerIDNum", "CallerIDName",
                    "ConnectedLineNum", "ConnectedLineName", "Language", "AccountCode", "Context", "Exten",
                    "Priority", "Uniqueid", "Linkedid", "Application", "ApplicationData")) {
                b.add(h, f.getOrDefault(h, ""));
            }
            b.add("Duration", duration((now - a.createdNanos()) / 1_000_000_000L));
            b.add("BridgeId", f.getOrDefault("BridgeId", ""));
            out.add(b.build());
        }
        return out;
    }

    private synchronized long nextOrder() {
        return order++;
    }

    private void update(String uniqueid, AmiFrame event, String bridgeId) {
        byUniqueid.computeIfPresent(uniqueid,
                (k, old) -> new Active(old.createdNanos(), old.order(), merge(old.fields(), event, bridgeId)));
    }

    private static Map<String, String> merge(Map<String, String> old, AmiFrame event, String bridgeId) {
        Map<String, String> f = snapshot(event, old);
        if (bridgeId != null) {
            f.put("BridgeId", bridgeId);
        }
        return f;
    }

    private static Map<String, String> snapshot(AmiFrame event, Map<String, String> old) {
        Map<String, String> f = old == null ? new ConcurrentHashMap<>() : new ConcurrentHashMap<>(old);
        for (String h : List.of("Channel", "ChannelState", "ChannelStateDesc", "CallerIDNum", "CallerIDName",
                "ConnectedLineNum", "ConnectedLineName", "Language", "AccountCode", "Context", "Exten", "Priority",
                "Uniqueid", "Linkedid")) {
            String v = event.get(h);
            if (v != null) {
                f.put(h, v);
            }
        }
        if ("Newexten".equals(event.eventName())) {
            f.put("Application", event.getOrDefault("Application", ""));
            f.put("ApplicationData", event.getOrDefault("AppData", ""));
        }
        return f;
    }

    private static String duration(long seconds) {
        return String.format("%02d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
    }
}
