package io.switchboard.pbx.freeswitch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which call each FreeSWITCH channel belongs to. FreeSWITCH has no call id spanning legs, so a
 * call is grown from the links channels reveal: loopback pairs ({@code variable_other_loopback_leg_uuid}),
 * originator/originatee ({@code Other-Leg-Unique-ID}), and mod_callcenter's agent calls, whose
 * {@code variable_cc_member_pre_answer_uuid} names the member whose session started the call.
 * The call id is the uuid of the first channel seen. Single-threaded (the ESL reader's).
 */
final class EslCallIdentity {

    private static final int RECENTLY_GONE = 10_000;

    private final Map<String, String> callOfLeg = new HashMap<>();
    private final Map<String, String> callOfMember = new HashMap<>();
    /** Age of each call, so that when calls are joined the oldest (the caller's) survives. */
    private final Map<String, Long> callAge = new HashMap<>();
    private final Map<String, Integer> legsOfCall = new HashMap<>();
    /** When the last event of each known channel was read (service clock, ms): a snapshot forgets older ones only. */
    private final Map<String, Long> seenMillis = new HashMap<>();
    private long nextAge;
    /** Channels destroyed a moment ago: late callcenter events may still name them. */
    private final Map<String, String> gone = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > RECENTLY_GONE;
        }
    };

    /** The call of a known channel, or null. */
    String callOf(String uuid) {
        if (uuid == null) {
            return null;
        }
        String c = callOfLeg.get(uuid);
        return c != null ? c : gone.get(uuid);
    }

    /**
     * Places a channel into a call using the links it carries.
     *
     * @return the legs of other calls that the channel joins to its own (to be merged), possibly empty
     */
    List<String> place(String uuid, String loopbackPeer, String otherLeg, String memberUuid) {
        List<String> links = new ArrayList<>(2);
        if (loopbackPeer != null) {
            links.add(loopbackPeer);
        }
        if (otherLeg != null && !otherLeg.equals(uuid)) {
            links.add(otherLeg);
        }
        String call = callOfLeg.get(uuid);
        for (String l : links) {
            call = older(call, callOfLeg.get(l));
        }
        if (memberUuid != null) {
            call = older(call, callOfMember.get(memberUuid));
        }
        if (call == null) {
            call = uuid;
            callAge.put(call, nextAge++);
        }
        if (callOfLeg.put(uuid, call) == null) {
            legsOfCall.merge(call, 1, Integer::sum);
        }
        List<String> merged = new ArrayList<>(1);
        for (String l : links) {
            String other = callOfLeg.get(l);
            if (other != null && !other.equals(call)) {
                merge(other, call);
                merged.add(l);
            }
        }
        return merged;
    }

    private String older(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return callAge.getOrDefault(a, Long.MAX_VALUE) <= callAge.getOrDefault(b, Long.MAX_VALUE) ? a : b;
    }

    /** Every channel and member of call {@code from} now belongs to {@code into}. */
    private void merge(String from, String into) {
        callAge.remove(from);
        Integer moved = legsOfCall.remove(from);
        if (moved != null) {
            legsOfCall.merge(into, moved, Integer::sum);
        }
        callOfLeg.replaceAll((leg, c) -> c.equals(from) ? into : c);
        callOfMember.replaceAll((m, c) -> c.equals(from) ? into : c);
    }

    /** A channel seen without a creation event (the collector joined mid-call): a call of its own. */
    String placeUnknown(String uuid) {
        return callOfLeg.computeIfAbsent(uuid, u -> {
            callAge.put(u, nextAge++);
            legsOfCall.put(u, 1);
            return u;
        });
    }

    /**
     * A channel the switch reported live (a snapshot after a reconnect) joins {@code call}, unless
     * its call is known already; later channels linked to it then join the same call.
     */
    void adopt(String uuid, String call) {
        if (uuid == null || call == null || callOfLeg.containsKey(uuid)) {
            return;
        }
        callAge.putIfAbsent(call, nextAge++);
        callOfLeg.put(uuid, call);
        legsOfCall.merge(call, 1, Integer::sum);
    }

    void member(String memberUuid, String call) {
        if (memberUuid != null && call != null) {
            callOfMember.put(memberUuid, call);
        }
    }

    void memberGone(String memberUuid) {
        callOfMember.remove(memberUuid);
    }

    /** An event of channel {@code uuid} was read at {@code rxMillis}; only known channels are noted. */
    void seen(String uuid, long rxMillis) {
        if (uuid != null && callOfLeg.containsKey(uuid)) {
            seenMillis.put(uuid, rxMillis);
        }
    }

    /**
     * After a live snapshot: forgets the channels the switch no longer has, whose destruction fell
     * into a gap. Only channels with no event read since the snapshot was asked for; a channel
     * heard of later may be newer than the snapshot. Members of calls left without a channel go too.
     *
     * @param listed          the uuids the snapshot lists
     * @param requestedMillis when the snapshot was asked for (service clock, ms)
     * @return the channels forgotten
     */
    List<String> forgetMissing(Set<String> listed, long requestedMillis) {
        List<String> forgotten = new ArrayList<>();
        for (String uuid : List.copyOf(callOfLeg.keySet())) {
            Long seen = seenMillis.get(uuid);
            if (!listed.contains(uuid) && (seen == null || seen < requestedMillis)) {
                destroyed(uuid);
                forgotten.add(uuid);
            }
        }
        if (!forgotten.isEmpty()) {
            callOfMember.values().removeIf(c -> !legsOfCall.containsKey(c));
        }
        return forgotten;
    }

    void destroyed(String uuid) {
        seenMillis.remove(uuid);
        String c = callOfLeg.remove(uuid);
        if (c != null) {
            gone.put(uuid, c);
            if (legsOfCall.merge(c, -1, Integer::sum) <= 0) {
                legsOfCall.remove(c);
                callAge.remove(c);
            }
        }
    }

    int trackedLegs() {
        return callOfLeg.size();
    }

    int trackedMembers() {
        return callOfMember.size();
    }
}
