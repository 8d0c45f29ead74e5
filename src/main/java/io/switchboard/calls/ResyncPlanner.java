package io.switchboard.calls;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits a {@link LiveSnapshot} into one {@link CallResync} per call it concerns: every call in
 * progress (it may be settled, lose legs, gain channels or stay as it is) and every call the
 * unknown channels form. Whatever depends on more than one call is decided here, where the whole
 * node is known: which channel belongs to which call, and that legs of calls the snapshot settles
 * are finished. So each part can be applied on its own, by whoever owns its call.
 */
final class ResyncPlanner {

    /** The caller's channel first: the one the PBX names the call after, then by age. */
    private static final Comparator<LiveChannel> CALLER_FIRST = Comparator
            .comparing((LiveChannel ch) -> !ch.legId().equals(ch.callId()))
            .thenComparing(LiveChannel::createdAt, Comparator.nullsLast(Comparator.naturalOrder()));

    private ResyncPlanner() {
    }

    private static final class Part {
        final String callId;
        final boolean adopts;
        final boolean listed;
        final List<String> listedLegs = new ArrayList<>();
        final List<LiveChannel> known = new ArrayList<>();
        final List<LiveChannel> joining = new ArrayList<>();

        Part(String callId, boolean adopts, boolean listed) {
            this.callId = callId;
            this.adopts = adopts;
            this.listed = listed;
        }

        CallResync freeze(LiveSnapshot s) {
            return new CallResync(callId, adopts, listed, listedLegs, known, joining, s.requestedAt(), s.takenAt(),
                    s.lostAt());
        }
    }

    static List<CallResync> plan(CallBook book, LiveSnapshot s) {
        Set<String> listedLegIds = new HashSet<>();
        Set<String> listedCalls = new HashSet<>();
        for (LiveChannel ch : s.channels()) {
            listedLegIds.add(ch.legId());
            if (ch.callId() != null) {
                listedCalls.add(book.resolve(ch.callId()));
            }
        }
        Map<String, Part> parts = new LinkedHashMap<>();
        Set<String> settledLegs = new HashSet<>();
        for (CallState c : book.calls().values()) {
            Part p = new Part(c.pbxCallId, false, listedCalls.contains(c.pbxCallId));
            for (Leg l : c.legs.values()) {
                if (!l.hungUp && listedLegIds.contains(l.id)) {
                    p.listedLegs.add(l.id);
                }
            }
            parts.put(c.pbxCallId, p);
            if (!LiveReconciler.goesOn(c, p.listed, p.listedLegs, s.requestedAt())) {
                settledLegs.addAll(c.legs.keySet()); // finished by this snapshot: not to be adopted again
            }
        }
        Map<String, List<LiveChannel>> groups = new LinkedHashMap<>();
        for (LiveChannel ch : s.channels()) {
            String group = ch.callId() != null ? ch.callId() : ch.legId();
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(ch);
        }
        for (Map.Entry<String, List<LiveChannel>> g : groups.entrySet()) {
            String target = null;
            List<LiveChannel> unknown = new ArrayList<>();
            for (LiveChannel ch : g.getValue()) {
                if (settledLegs.contains(ch.legId())) {
                    continue;
                }
                String known = book.callOfLeg(ch.legId());
                if (known != null && book.isActive(known)) {
                    target = target == null ? known : target;
                    parts.get(known).known.add(ch);
                } else if (!book.isFinishedLeg(ch.legId())) {
                    unknown.add(ch);
                }
            }
            String groupCall = book.resolve(g.getKey());
            if (target == null && book.isActive(groupCall)) {
                target = groupCall;
            }
            if (unknown.isEmpty() || target == null && book.isFinished(groupCall)) {
                continue; // nothing new, or what is left of a call written already
            }
            unknown.sort(CALLER_FIRST);
            if (target != null) {
                parts.get(target).joining.addAll(unknown);
            } else {
                Part adopted = new Part(groupCall, true, listedCalls.contains(groupCall));
                adopted.joining.addAll(unknown);
                parts.put(groupCall, adopted);
            }
        }
        List<CallResync> out = new ArrayList<>(parts.size());
        parts.values().forEach(p -> out.add(p.freeze(s)));
        return out;
    }
}
