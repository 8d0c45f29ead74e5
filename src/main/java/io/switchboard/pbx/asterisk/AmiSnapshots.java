package io.switchboard.pbx.asterisk;

import io.switchboard.calls.LiveChannel;
import io.switchboard.pbx.asterisk.ami.AmiFrame;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * CoreShowChannels requests in flight. Their events are taken off the socket by the reader
 * thread before asterisk-java sees them ({@link #intercept}), collected here and, at
 * {@code CoreShowChannelsComplete}, handed on at that very place in the event stream: the
 * {@code atPosition} consumer runs on the reader thread (it must only hand off), the future
 * completes elsewhere. The Response line still goes to asterisk-java, which reports an error.
 */
final class AmiSnapshots {

    private static final class Pending {
        final List<LiveChannel> channels = new ArrayList<>();
        final CompletableFuture<List<LiveChannel>> result;
        final Consumer<List<LiveChannel>> atPosition;

        Pending(CompletableFuture<List<LiveChannel>> result, Consumer<List<LiveChannel>> atPosition) {
            this.result = result;
            this.atPosition = atPosition;
        }
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Executor handoff;

    AmiSnapshots(Executor handoff) {
        this.handoff = handoff;
    }

    /** @return the ActionID to send; asterisk-java prefixes its own id, so replies end with it */
    String register(CompletableFuture<List<LiveChannel>> result, Consumer<List<LiveChannel>> atPosition) {
        String token = "live-" + UUID.randomUUID();
        pending.put(token, new Pending(result, atPosition));
        result.whenComplete((v, e) -> pending.remove(token));
        return token;
    }

    void failed(String token, Throwable error) {
        Pending p = pending.remove(token);
        if (p != null) {
            handoff.execute(() -> p.result.completeExceptionally(error));
        }
    }

    /** On the reader thread: true when the frame belongs to a snapshot and was consumed here. */
    boolean intercept(AmiFrame f) {
        if (pending.isEmpty() || !f.isEvent()) {
            return false;
        }
        String actionId = f.get("ActionID");
        Pending p = actionId == null ? null : find(actionId);
        if (p == null) {
            return false;
        }
        String name = f.eventName();
        if ("CoreShowChannel".equalsIgnoreCase(name)) {
            LiveChannel ch = AmiLiveChannels.of(f, Instant.now());
            if (ch != null) {
                p.channels.add(ch);
            }
        } else if ("CoreShowChannelsComplete".equalsIgnoreCase(name)) {
            List<LiveChannel> all = List.copyOf(p.channels);
            pending.values().remove(p);
            if (p.atPosition != null) {
                p.atPosition.accept(all);
            }
            handoff.execute(() -> p.result.complete(all));
        }
        return true;
    }

    private Pending find(String actionId) {
        for (Map.Entry<String, Pending> e : pending.entrySet()) {
            if (actionId.endsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    int inFlight() {
        return pending.size();
    }
}
