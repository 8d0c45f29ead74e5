package io.switchboard.bus;

import io.switchboard.calls.CallRecord;
import io.switchboard.calls.CallResync;
import io.switchboard.calls.CallTracker;
import io.switchboard.calls.LaneTap;
import io.switchboard.events.CallEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's publisher, on its ingest lane thread: each event goes to the topic under the key of
 * the call the node's tracker will apply it to, so a call's events stay in order on one
 * partition.
 *
 * <p>When an event merges another call into its own (an attended transfer whose consultation
 * was a call of its own, or a leg link that joins two provisional calls), that other call's
 * events went out under its own key, possibly to another partition. So first a forget goes
 * under the other call's key (its owner drops the call without a record), then the other
 * call's events are sent again under the surviving call's key, then the merging event. The
 * owner of the surviving call's partition thus applies exactly the sequence one call model
 * would have, whichever instance owns which partition. To re-send them, the messages of every
 * call in progress are kept until its record is finished.
 *
 * <p>A live snapshot (after a reconnect or a restart) goes out the same way, as the tracker's
 * parts of it, one per call under that call's key: the owner of each call settles, trims or
 * adopts it exactly as the lane's tracker does. A part that adopts a call opens it.
 */
public final class BusPublisher implements LaneTap {

    /** Where messages go: the Kafka producer, or a list in tests. */
    @FunctionalInterface
    public interface Sender {
        void send(String key, BusMessage message);
    }

    private final String node;
    private final String pbxType;
    private final Sender sender;
    private final Map<String, List<BusMessage>> history = new HashMap<>();
    private long resent;

    public BusPublisher(String node, String pbxType, Sender sender) {
        this.node = node;
        this.pbxType = pbxType;
        this.sender = sender;
    }

    @Override
    public void before(CallEvent e, CallTracker tracker) {
        String route = tracker.routeOf(e);
        boolean opens = route != null && !tracker.isActive(route) && !tracker.isFinished(route);
        String absorbed = tracker.absorbs(e, route);
        BusMessage message = BusMessage.event(pbxType, e, opens);
        if (absorbed != null) {
            sender.send(BusMessage.key(node, absorbed), BusMessage.forget(node, pbxType, absorbed));
            List<BusMessage> moved = history.remove(absorbed);
            if (moved != null) {
                for (int i = 0; i < moved.size(); i++) {
                    // a replay keeps them with the surviving call; if that call opens only now, they
                    // start the group, and the merging event needs them
                    sender.send(BusMessage.key(node, route), opens
                            ? moved.get(i).reflagged(i == 0, null)
                            : moved.get(i).reflagged(false, route));
                }
                resent += moved.size();
                history.computeIfAbsent(route, r -> new ArrayList<>()).addAll(moved);
                if (opens) {
                    message = BusMessage.needing(pbxType, e, absorbed);
                }
            }
        }
        sender.send(BusMessage.key(node, route), message);
        if (route != null && !tracker.isFinished(route)) {
            history.computeIfAbsent(route, r -> new ArrayList<>()).add(message);
        }
    }

    @Override
    public void beforeResync(List<CallResync> parts, CallTracker tracker) {
        for (CallResync p : parts) {
            String route = tracker.routeOf(p);
            boolean opens = !tracker.isActive(route) && !tracker.isFinished(route);
            BusMessage message = BusMessage.resync(node, pbxType, p, opens);
            sender.send(BusMessage.key(node, route), message);
            history.computeIfAbsent(route, r -> new ArrayList<>()).add(message);
        }
    }

    @Override
    public void finished(CallRecord record) {
        history.remove(record.pbxCallId());
    }

    /** Calls whose events are kept for a possible merge. */
    public int openCalls() {
        return history.size();
    }

    /** Messages sent a second time because their call was merged into another. */
    public long resentEvents() {
        return resent;
    }
}
