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
                           String callState, String callUuid) {
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
            String[] cols = {c.uuid(), c.direction(), EslTime.local(c.createdMicros()),
                    Long.toString(c.createdMicros() / 1_000_000L), c.name(), c.state(), c.cidName(), c.cidNum(), "",
                    c.dest(), "", "", c.dialplan(), c.context(), "", "", "", "", "", "", "", EslEventFactory.HOSTNAME,
                    "", "", "", c.callState(), "", "", "", c.callUuid(), "", "", c.cidName(), c.cidNum(), "", c.dest(),
                    c.dialplan(), c.context()};
            sb.append(String.join(",", cols)).append('\n');
        }
        return sb.append('\n').append(channels.size()).append(" total.\n").toString();
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
            channels.put(uuid, new Channel(c.uuid(), c.direction(), c.createdMicros(), c.name(),
                    or(event.header("Channel-State"), c.state()), c.cidName(), c.cidNum(), c.dest(), c.dialplan(),
                    c.context(), or(event.header("Channel-Call-State"), c.callState()), c.callUuid()));
        }
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
                or(e.header("Channel-Call-State"), ""), or(e.header("Channel-Call-UUID"), uuid));
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
