package io.switchboard.simulator.esl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The channels the simulated switch has up, learned from the events it emits (CHANNEL_CREATE adds,
 * CHANNEL_DESTROY removes; its own channels' events included), so that {@code show channels},
 * {@code uuid_kill} and {@code status} answer consistently with the event stream.
 */
final class EslChannels {

    /** Columns of {@code show channels} in FreeSWITCH 1.10. */
    static final String HEADER = "uuid,direction,created,created_epoch,name,state,cid_name,cid_num,ip_addr,dest,"
            + "application,application_data,dialplan,context,read_codec,read_rate,read_bit_rate,write_codec,"
            + "write_rate,write_bit_rate,secure,hostname,presence_id,presence_data,accountcode,callstate,callee_name,"
            + "callee_num,callee_direction,call_uuid,sent_callee_name,sent_callee_num,initial_cid_name,"
            + "initial_cid_num,initial_ip_addr,initial_dest,initial_dialplan,initial_context";

    private record Channel(String uuid, String direction, long createdMicros, String name, String state,
                           String cidName, String cidNum, String dest, String dialplan, String context,
                           String callState, String callUuid, String application, String applicationData) {

        Channel with(String newState, String newCallState, String newCallUuid, String app, String appData) {
            return new Channel(uuid, direction, createdMicros, name, newState, cidName, cidNum, dest, dialplan, context,
                    newCallState, newCallUuid, app, appData);
        }
    }

    private final Map<String, Channel> channels = new LinkedHashMap<>();
    private long sinceStartup;
    private int peak;

    void observe(SimEvent event) {
        String name = event.eventName();
        if (name == null || !name.startsWith("CHANNEL_")) {
            return;
        }
        String uuid = event.uniqueId();
        if (uuid == null) {
            return;
        }
        switch (name) {
            case "CHANNEL_CREATE" -> add(fromEvent(uuid, event));
            case "CHANNEL_DESTROY" -> remove(uuid);
            case "CHANNEL_CALLSTATE", "CHANNEL_STATE" -> update(uuid, event);
            case "CHANNEL_ANSWER", "CHANNEL_UNHOLD" -> callState(uuid, "ACTIVE");
            case "CHANNEL_HOLD" -> callState(uuid, "HELD");
            case "CHANNEL_BRIDGE" -> bridged(uuid, event);
            case "CHANNEL_EXECUTE" -> executing(uuid, event);
            default -> {
                // other channel events do not change what show channels lists
            }
        }
    }

    synchronized boolean exists(String uuid) {
        return channels.containsKey(uuid);
    }

    synchronized boolean remove(String uuid) {
        return channels.remove(uuid) != null;
    }

    synchronized int size() {
        return channels.size();
    }

    synchronized long sinceStartup() {
        return sinceStartup;
    }

    synchronized int peak() {
        return peak;
    }

    synchronized void clear() {
        channels.clear();
        sinceStartup = 0;
        peak = 0;
    }

    /** {@code show channels}: nothing but the count when empty, as FreeSWITCH prints it. */
    synchronized String show() {
        if (channels.isEmpty()) {
            return "\n0 total.\n";
        }
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Channel c : channels.values()) {
            sb.append(String.join(",", columns(c))).append('\n');
        }
        return sb.append('\n').append(channels.size()).append(" total.\n").toString();
    }

    /**
     * {@code show channels as json}: FreeSWITCH's JSON table, every column a string, and only the
     * count when no channel is up.
     */
    synchronized String showJson() {
        if (channels.isEmpty()) {
            return "{\"row_count\":0}\n";
        }
        String[] names = HEADER.split(",");
        StringBuilder sb = new StringBuilder("{\"row_count\":").append(channels.size()).append(",\"rows\":[");
        boolean firstRow = true;
        for (Channel c : channels.values()) {
            String[] cols = columns(c);
            sb.append(firstRow ? "{" : ",{");
            firstRow = false;
            for (int i = 0; i < names.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                EslJson.string(sb, names[i]);
                sb.append(':');
                EslJson.string(sb, cols[i]);
            }
            sb.append('}');
        }
        return sb.append("]}\n").toString();
    }

    private static String[] columns(Channel c) {
        return new String[]{c.uuid(), c.direction(), EslTime.local(c.createdMicros()),
                Long.toString(c.createdMicros() / 1_000_000L), c.name(), c.state(), c.cidName(), c.cidNum(), "",
                c.dest(), c.application(), c.applicationData(), c.dialplan(), c.context(), "", "", "", "", "", "", "",
                EslEventFactory.HOSTNAME, "", "", "", c.callState(), "", "", "", c.callUuid(), "", "", c.cidName(),
                c.cidNum(), "", c.dest(), c.dialplan(), c.context()};
    }

    synchronized String count() {
        return "\n" + channels.size() + " total.\n";
    }

    /** UUIDs currently up, in creation order. */
    synchronized List<String> uuids() {
        return new ArrayList<>(channels.keySet());
    }

    private synchronized void add(Channel c) {
        if (channels.put(c.uuid(), c) == null) {
            sinceStartup++;
            peak = Math.max(peak, channels.size());
        }
    }

    private synchronized void update(String uuid, SimEvent event) {
        Channel c = channels.get(uuid);
        if (c != null) {
            channels.put(uuid, c.with(or(event.header("Channel-State"), c.state()),
                    or(event.header("Channel-Call-State"), c.callState()), c.callUuid(), c.application(),
                    c.applicationData()));
        }
    }

    private synchronized void callState(String uuid, String callState) {
        channels.computeIfPresent(uuid, (k, c) -> c.with(c.state(), callState, c.callUuid(), c.application(),
                c.applicationData()));
    }

    /** As the switch's channel table does: the b-leg of a bridge takes the a-leg's uuid as its call_uuid. */
    private synchronized void bridged(String uuid, SimEvent event) {
        callState(uuid, "ACTIVE");
        String b = or(event.header("Bridge-B-Unique-ID"), event.header("Other-Leg-Unique-ID"));
        String a = or(event.header("Bridge-A-Unique-ID"), uuid);
        if (b != null && !b.equals(a)) {
            channels.computeIfPresent(b, (k, c) -> c.with(c.state(), "ACTIVE", a, c.application(),
                    c.applicationData()));
        }
    }

    private synchronized void executing(String uuid, SimEvent event) {
        channels.computeIfPresent(uuid, (k, c) -> c.with(c.state(), c.callState(), c.callUuid(),
                or(event.header("Application"), ""), or(event.header("Application-Data"), "")));
    }

    private static Channel fromEvent(String uuid, SimEvent e) {
        long created;
        try {
            created = Long.parseLong(or(e.header("Caller-Channel-Created-Time"), e.header("Event-Date-Timestamp")));
        } catch (NumberFormatException | NullPointerException ex) {
            created = EslTime.nowMicros();
        }
        return new Channel(uuid, or(e.header("Call-Direction"), ""), created, or(e.header("Channel-Name"), ""),
                or(e.header("Channel-State"), ""), or(e.header("Caller-Caller-ID-Name"), ""),
                or(e.header("Caller-Caller-ID-Number"), ""), or(e.header("Caller-Destination-Number"), ""),
                or(e.header("Caller-Dialplan"), ""), or(e.header("Caller-Context"), ""),
                or(e.header("Channel-Call-State"), ""), or(e.header("Channel-Call-UUID"), uuid), "", "");
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
