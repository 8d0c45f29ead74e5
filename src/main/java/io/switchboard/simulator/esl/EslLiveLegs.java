package io.switchboard.simulator.esl;

import io.switchboard.simulator.ScenarioSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The channels the simulated switch runs itself, and what FreeSWITCH 1.10 does to them: hang up
 * (with the loopback peer), leave a bridge (the partner parks with {@code park_after_bridge},
 * goes on with {@code hangup_after_bridge=false}, else hangs up), bridge by uuid, hold (hold music
 * to the partner), blind transfer. Events are written with {@link EslCallScript} and sent as soon
 * as written, stamped with the wall clock; the state here follows the events sent, so flows
 * written elsewhere ({@link EslQueueCall}, {@link EslAgentCall}) keep it right too. Not
 * thread-safe: {@link EslLive} holds the lock.
 */
final class EslLiveLegs {

    static final String HOLD_MUSIC = "local_stream://moh";
    /** Told when a bridge ends: mod_callcenter reports its agent's call over then. */
    interface BridgeEnds {
        void ended(String a, String b);
    }

    private final Consumer<SimEvent> out;
    private final Consumer<SimEvent> agentEvents;
    private final Supplier<String> coreUuid;
    private final EslCallScript.Counters counters = new EslCallScript.Counters();
    private final Map<String, EslLeg> up = new LinkedHashMap<>();
    private final Set<String> going = new HashSet<>();
    private final Map<String, String[]> bridges = new HashMap<>();
    private final Set<String> parked = new HashSet<>();
    /** Legs hearing hold music, and since when. */
    private final Map<String, Long> music = new HashMap<>();
    private BridgeEnds bridgeEnds = (a, b) -> { };
    private EslCallScript s;

    /**
     * @param out         where events go once written
     * @param agentEvents gets mod_callcenter's agent events too (the agent table follows them)
     */
    EslLiveLegs(Consumer<SimEvent> out, Consumer<SimEvent> agentEvents, Supplier<String> coreUuid) {
        this.out = out;
        this.agentEvents = agentEvents;
        this.coreUuid = coreUuid;
    }

    void onBridgeEnd(BridgeEnds listener) {
        this.bridgeEnds = listener;
    }

    /** The script, its clock moved to now (it never goes back). */
    EslCallScript now() {
        if (s == null) {
            s = new EslCallScript(new Random(), coreUuid.get(), counters, EslTime.nowMicros());
        }
        s.at(Math.max(s.now(), EslTime.nowMicros()));
        return s;
    }

    /** A restarted switch has no channels. */
    void clear() {
        s = null;
        up.clear();
        going.clear();
        bridges.clear();
        parked.clear();
        music.clear();
    }

    /** A channel that is up and not hanging up, or null. */
    EslLeg live(String uuid) {
        return uuid == null || going.contains(uuid) ? null : up.get(uuid);
    }

    String partner(String uuid) {
        String[] pair = bridges.get(uuid);
        return pair == null ? null : pair[0].equals(uuid) ? pair[1] : pair[0];
    }

    boolean isParked(String uuid) {
        return parked.contains(uuid);
    }

    /** Sends what was written, following it: created, hung up, bridged, parked legs. */
    void sync() {
        for (TimedEslEvent te : s.drain()) {
            SimEvent e = te.event();
            String u = e.uniqueId();
            switch (e.eventName()) {
                case "CHANNEL_CREATE" -> {
                    EslLeg l = s.known(u);
                    if (l != null) {
                        up.put(u, l);
                    }
                }
                case "CHANNEL_HANGUP" -> going.add(u);
                case "CHANNEL_DESTROY" -> {
                    up.remove(u);
                    going.remove(u);
                    parked.remove(u);
                    music.remove(u);
                }
                case "CHANNEL_BRIDGE" -> {
                    String[] pair = {e.header("Bridge-A-Unique-ID"), e.header("Bridge-B-Unique-ID")};
                    bridges.put(pair[0], pair);
                    bridges.put(pair[1], pair);
                }
                case "CHANNEL_UNBRIDGE" -> {
                    String[] pair = bridges.get(e.header("Bridge-A-Unique-ID"));
                    if (pair != null) {
                        bridges.remove(pair[0], pair);
                        bridges.remove(pair[1], pair);
                    }
                }
                case "CHANNEL_PARK" -> parked.add(u);
                case "CHANNEL_UNPARK" -> parked.remove(u);
                case "CUSTOM" -> agentEvents.accept(e);
                default -> {
                    // the rest changes nothing kept here
                }
            }
            out.accept(e);
        }
    }

    /** The leg and its loopback peer hang up; a bridge they were in ends. */
    void hangup(String uuid, String cause) {
        EslLeg x = live(uuid);
        if (x == null) {
            return;
        }
        List<EslLeg> legs = new ArrayList<>(2);
        legs.add(x);
        EslLeg peer = live(x.vars.get("other_loopback_leg_uuid"));
        if (peer != null) {
            legs.add(peer);
        }
        for (EslLeg l : legs) {
            s.hangup(l, cause);
        }
        sync();
        for (EslLeg l : legs) {
            partnerLeft(l);
        }
        for (EslLeg l : legs) {
            s.hangupComplete(l, q850(cause), l.vars.get("current_application"), l.vars.get("current_application_data"));
            s.destroy(l);
        }
        sync();
    }

    /** {@code gone} leaves its bridge: CHANNEL_UNBRIDGE, then the partner does what its variables say. */
    private void partnerLeft(EslLeg gone) {
        String[] pair = bridges.get(gone.uuid);
        if (pair == null) {
            return;
        }
        String other = pair[0].equals(gone.uuid) ? pair[1] : pair[0];
        unbridge(pair);
        stopMusic(other);
        afterBridge(other);
    }

    /** CHANNEL_UNBRIDGE from the side that stays (the bridge's a-side when both stay). */
    void unbridge(String[] pair) {
        EslLeg a = s.known(pair[0]);
        EslLeg b = s.known(pair[1]);
        EslLeg from = a != null && !going.contains(a.uuid) ? a : b != null && !going.contains(b.uuid) ? b : a != null ? a : b;
        if (from == null) {
            bridges.remove(pair[0], pair);
            bridges.remove(pair[1], pair);
            return;
        }
        from.set("bridge_hangup_cause", "NORMAL_CLEARING");
        s.channel("CHANNEL_UNBRIDGE", from, h -> {
            EslLeg.add(h, "Bridge-A-Unique-ID", pair[0]);
            EslLeg.add(h, "Bridge-B-Unique-ID", pair[1]);
        }, null);
        sync();
        bridgeEnds.ended(pair[0], pair[1]);
    }

    /** What a leg left alone by its bridge does: park, go on with its dialplan, or hang up. */
    void afterBridge(String uuid) {
        EslLeg l = live(uuid);
        if (l == null) {
            return;
        }
        if ("true".equals(l.vars.get("park_after_bridge"))) {
            l.set("current_application", "park");
            s.channel("CHANNEL_PARK", l);
            sync();
        } else if (!"false".equals(l.vars.get("hangup_after_bridge"))) {
            hangup(uuid, "NORMAL_CLEARING");
        }
    }

    /**
     * {@code uuid_bridge a b}: hold music on both stops, each leaves the bridge it was in (its old
     * partner does what its variables say), parked legs unpark, both get a {@code uuid_br} transfer
     * entry, and {@code a} bridges to {@code b}. A held leg stays held.
     */
    void bridge(EslLeg a, EslLeg b) {
        stopMusic(a.uuid);
        stopMusic(b.uuid);
        for (EslLeg x : new EslLeg[]{a, b}) {
            String[] pair = bridges.get(x.uuid);
            if (pair != null && !(contains(pair, a.uuid) && contains(pair, b.uuid))) {
                String other = pair[0].equals(x.uuid) ? pair[1] : pair[0];
                unbridge(pair);
                afterBridge(other);
            }
        }
        for (EslLeg x : new EslLeg[]{a, b}) {
            if (parked.contains(x.uuid)) {
                s.channel("CHANNEL_UNPARK", x);
            }
        }
        long now = s.now();
        String sec = Long.toString(now / 1_000_000);
        a.transfer(now, sec + ":" + s.uuid() + ":uuid_br:" + b.uuid);
        b.transfer(now, sec + ":" + s.uuid() + ":uuid_br:" + a.uuid);
        a.state("CS_EXCHANGE_MEDIA", 5, "HELD".equals(a.callState) ? "HELD" : "ACTIVE");
        s.bridge(a, b, true);
        EslCallScript.link(b, a, "originator");
        sync();
    }

    /** {@code uuid_hold [off]}: CHANNEL_HOLD / CHANNEL_UNHOLD, and the held leg's hold music to its partner. */
    void hold(EslLeg x, boolean on) {
        boolean held = "HELD".equals(x.callState);
        String p = partner(x.uuid);
        EslLeg partner = live(p);
        if (on && !held) {
            x.lastHold = s.now();
            x.callState = "HELD";
            s.channel("CHANNEL_HOLD", x);
            if (partner != null && !music.containsKey(p)) {
                s.playback(partner, HOLD_MUSIC, true, 0);
                music.put(p, s.now());
            }
        } else if (!on && held) {
            stopMusic(p); // switch_ivr_unhold stops the broadcast on the current partner
            x.holdAccum += s.now() - x.lastHold;
            x.callState = "ACTIVE";
            s.channel("CHANNEL_UNHOLD", x);
        }
        sync();
    }

    /** The hold music a leg hears stops (PLAYBACK_STOP). */
    void stopMusic(String uuid) {
        EslLeg l = live(uuid);
        Long since = l == null ? null : music.remove(uuid);
        if (since != null) {
            s.playback(l, HOLD_MUSIC, false, s.now() - since);
            sync();
        }
    }

    /**
     * {@code uuid_transfer x dest dialplan context}: a new caller profile with a {@code bl_xfer}
     * entry, the partner is hung up, and x runs the extension (the captures' order: the partner's
     * hangup, then x's CHANNEL_UNBRIDGE carrying the new transfer history).
     */
    void transfer(EslLeg x, String dest, String dialplan, String context) {
        long now = s.now();
        x.set("hangup_after_bridge", "false");
        x.transfer(now, now / 1_000_000 + ":" + s.uuid() + ":bl_xfer:" + dest + "/" + context + "/" + dialplan);
        x.rdnis = x.destination;
        x.destination = dest;
        x.context = context;
        x.dialplan = dialplan;
        x.hitDialplan = true;
        x.set("max_forwards", "69");
        stopMusic(x.uuid);
        String p = partner(x.uuid);
        if (p != null) {
            hangup(p, "NORMAL_CLEARING");
        }
        x.other = null;
        if (parked.contains(x.uuid)) {
            s.channel("CHANNEL_UNPARK", x);
        }
        x.state("CS_EXECUTE", 4, "ACTIVE");
        if (context.equals(ScenarioSpec.Transfer.CONTEXT)) { // the captured configuration's extension plays a tone
            s.execute(x, "playback", EslQueueCall.TARGET_TONE);
            s.playback(x, EslQueueCall.TARGET_TONE, true, 0);
        }
        sync();
    }

    private static boolean contains(String[] pair, String uuid) {
        return pair[0].equals(uuid) || pair[1].equals(uuid);
    }

    static String q850(String cause) {
        return switch (cause) {
            case "NORMAL_CLEARING" -> "16";
            case "USER_BUSY" -> "17";
            case "NO_ANSWER" -> "19";
            case "CALL_REJECTED" -> "21";
            case "ORIGINATOR_CANCEL" -> "487";
            case "ALLOTTED_TIMEOUT" -> "602";
            default -> "31";
        };
    }
}
