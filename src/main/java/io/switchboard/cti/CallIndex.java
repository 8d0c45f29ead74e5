package io.switchboard.cti;

import io.switchboard.calls.ActiveCall;
import io.switchboard.calls.CallEventListener;
import io.switchboard.calls.CallRecord;
import io.switchboard.calls.ResyncedCall;
import io.switchboard.events.CallEvent;
import io.switchboard.pbx.AgentEndpoint;
import io.switchboard.pbx.LegRef;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What call control needs to know about calls in progress: which node holds them, their live
 * legs (id, channel, bridge), which leg is which agent's, and a consultation in progress. Kept
 * from normalized events on the lane threads, and brought in line with each live snapshot of a
 * node (calls adopted after a reconnect or a restart can be acted on at once); read by actions
 * on request threads.
 */
@ApplicationScoped
public class CallIndex implements CallEventListener {

    /** A live leg: the PBX's id and channel name, and the bridge it is in (null when none). */
    public record Leg(String id, String channel, String bridge) {
        public LegRef ref() {
            return new LegRef(id, channel);
        }
    }

    /** A consultation started by an agent during an attended transfer. */
    public record Consult(String agentId, LegRef leg, String destination) {
    }

    /** An immutable view of one call for call control. */
    public record CallLegs(String callId, String node, String queue, List<Leg> legs, Map<String, String> agentLegs,
                           Consult consult) {

        /** The agent's own leg: the one the queue reported, else a live leg on the agent's phone. */
        public Optional<Leg> agentLeg(AgentEndpoint endpoint) {
            if (endpoint == null || !endpoint.node().equals(node)) {
                return Optional.empty();
            }
            String id = agentLegs.get(endpoint.memberInterface());
            if (id != null) {
                Optional<Leg> leg = legs.stream().filter(l -> l.id().equals(id)).findFirst();
                if (leg.isPresent()) {
                    return leg;
                }
            }
            return legs.stream().filter(l -> endpoint.ownsChannel(l.channel())).findFirst();
        }

        /** The party the agent talks to: in the agent's bridge if any, else the call's first other leg. */
        public Optional<Leg> otherLeg(Leg agentLeg) {
            String consultId = consult == null ? null : consult.leg().id();
            List<Leg> others = legs.stream().filter(l -> !l.id().equals(agentLeg.id()) && !l.id().equals(consultId))
                    .toList();
            if (agentLeg.bridge() != null) {
                Optional<Leg> bridged = others.stream().filter(l -> agentLeg.bridge().equals(l.bridge())).findFirst();
                if (bridged.isPresent()) {
                    return bridged;
                }
            }
            return others.stream().findFirst();
        }

        /** Any live leg of an agent's phone: the call is the agent's. */
        public boolean involves(AgentEndpoint endpoint) {
            return agentLeg(endpoint).isPresent();
        }
    }

    private static final class Entry {
        final String callId;
        final String node;
        String queue;
        final Map<String, Leg> legs = new LinkedHashMap<>();
        final Map<String, String> agentLegs = new LinkedHashMap<>();
        Consult consult;
        volatile CallLegs view;

        Entry(String callId, String node) {
            this.callId = callId;
            this.node = node;
        }

        void publish() {
            view = new CallLegs(callId, node, queue, List.copyOf(legs.values()), Map.copyOf(agentLegs), consult);
        }
    }

    private final Map<String, Entry> calls = new ConcurrentHashMap<>();

    public Optional<CallLegs> call(String callId) {
        Entry e = calls.get(callId);
        return e == null ? Optional.empty() : Optional.ofNullable(e.view);
    }

    public List<CallLegs> calls() {
        return calls.values().stream().map(e -> e.view).filter(java.util.Objects::nonNull).toList();
    }

    @Override
    public void onEvent(CallEvent event, String callId) {
    }

    @Override
    public void onEvent(CallEvent event, String pbxCallId, ActiveCall view) {
        if (pbxCallId == null) {
            return;
        }
        // the service-wide call id, as in records and the API: node:pbxCallId
        String callId = event.meta().nodeId() + ":" + pbxCallId;
        if (view == null) {
            calls.remove(callId);
            return;
        }
        Entry e = calls.computeIfAbsent(callId, id -> new Entry(id, event.meta().nodeId()));
        synchronized (e) {
            e.queue = view.queue();
            String leg = event.legId();
            switch (event) {
                case CallEvent.LegCreated c -> e.legs.put(leg, new Leg(leg, c.channel(), null));
                case CallEvent.DialStarted d -> {
                    if (d.targetLegId() != null && d.targetChannel() != null) {
                        e.legs.putIfAbsent(d.targetLegId(), new Leg(d.targetLegId(), d.targetChannel(), null));
                    }
                    // mod_callcenter dials an agent by name: the dialled leg is that agent's
                    if (d.targetLegId() != null && d.dialString() != null) {
                        e.agentLegs.putIfAbsent(d.dialString(), d.targetLegId());
                    }
                }
                case CallEvent.LegBridged b -> e.legs.computeIfPresent(leg, (k, l) -> new Leg(l.id(), l.channel(), b.bridgeId()));
                case CallEvent.LegUnbridged u -> e.legs.computeIfPresent(leg, (k, l) -> new Leg(l.id(), l.channel(), null));
                case CallEvent.LegHangup h -> {
                    e.legs.remove(leg);
                    if (e.consult != null && e.consult.leg().id().equals(leg)) {
                        e.consult = null;
                    }
                }
                case CallEvent.AgentOffered o -> {
                    if (o.agentLegId() != null) {
                        e.agentLegs.put(o.agentInterface(), o.agentLegId());
                    }
                }
                case CallEvent.AgentConnected c -> {
                    if (c.agentLegId() != null) {
                        e.agentLegs.put(c.agentInterface(), c.agentLegId());
                    }
                }
                case CallEvent.AttendedTransferred t -> e.consult = null;
                default -> {
                }
            }
            e.publish();
        }
    }

    /**
     * A node's live snapshot was applied: its calls are exactly {@code live}. Adopted calls and legs
     * are learnt, legs that ended unseen forgotten, and so are calls the node no longer has. Only
     * this node's lane thread changes this node's entries, so nothing newer can be overwritten.
     */
    @Override
    public void onResync(String nodeId, List<ResyncedCall> live) {
        Set<String> ids = new java.util.HashSet<>();
        for (ResyncedCall c : live) {
            ids.add(c.view().id());
        }
        calls.values().removeIf(e -> e.node.equals(nodeId) && !ids.contains(e.callId));
        for (ResyncedCall c : live) {
            Entry e = calls.computeIfAbsent(c.view().id(), id -> new Entry(id, nodeId));
            synchronized (e) {
                e.queue = c.view().queue();
                Map<String, Leg> legs = new LinkedHashMap<>();
                for (ResyncedCall.LiveLeg l : c.legs()) {
                    Leg known = e.legs.get(l.id());
                    String channel = l.channel() != null ? l.channel() : known == null ? null : known.channel();
                    String bridge = l.bridge() != null ? l.bridge() : known == null ? null : known.bridge();
                    legs.put(l.id(), new Leg(l.id(), channel, bridge));
                }
                e.legs.clear();
                e.legs.putAll(legs);
                String agent = c.view().agentInterface();
                String agentLeg = c.legs().stream().filter(ResyncedCall.LiveLeg::agent).map(ResyncedCall.LiveLeg::id)
                        .findFirst().orElse(null);
                if (agent != null && agentLeg != null && !legs.containsKey(e.agentLegs.get(agent))) {
                    e.agentLegs.put(agent, agentLeg);
                }
                if (e.consult != null && !legs.containsKey(e.consult.leg().id())) {
                    e.consult = null;
                }
                e.publish();
            }
        }
    }

    @Override
    public void onRecord(CallRecord record) {
        calls.remove(record.id());
    }

    /** Remembers (or clears, with null) the consultation of an attended transfer. */
    void consult(String callId, Consult consult) {
        Entry e = calls.get(callId);
        if (e != null) {
            synchronized (e) {
                e.consult = consult;
                e.publish();
            }
        }
    }
}
