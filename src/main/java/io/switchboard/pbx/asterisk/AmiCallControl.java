package io.switchboard.pbx.asterisk;

import io.switchboard.calls.LiveChannel;
import io.switchboard.events.CallEvent.AgentStateChanged;
import io.switchboard.pbx.CallControl;
import io.switchboard.pbx.ConnectListeners;
import io.switchboard.pbx.NodeUnavailableException;
import io.switchboard.pbx.PbxCommand;
import io.switchboard.pbx.PbxReply;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Call control over AMI: each neutral command becomes one AMI action ({@link AmiActions}, docs/cti-asterisk.md).
 * Actions go out on the collector's current connection with asterisk-java's asynchronous send;
 * replies arrive on asterisk-java's reader and are completed on a virtual thread, so no caller's
 * continuation ever runs on (or blocks) the thread that reads the PBX.
 */
public final class AmiCallControl implements CallControl {

    private static final Logger LOG = Logger.getLogger(AmiCallControl.class);
    /** Where replies complete and connect listeners run: never the AMI reader. */
    private static final Executor HANDOFF = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("ami-reply-", 0).factory());

    private final AmiCollector collector;
    private final ConnectListeners connectListeners;
    private final AmiSnapshots snapshots = new AmiSnapshots(HANDOFF);

    AmiCallControl(AmiCollector collector) {
        this.collector = collector;
        this.connectListeners = new ConnectListeners(collector.nodeId());
    }

    @Override
    public CompletableFuture<List<LiveChannel>> liveChannels(Duration deadline) {
        return liveChannels(deadline, null);
    }

    /**
     * CoreShowChannels. Its events are collected off the socket by {@link AmiSnapshots}; {@code atPosition}
     * (may be null) runs on the reader thread right where CoreShowChannelsComplete was read.
     */
    CompletableFuture<List<LiveChannel>> liveChannels(Duration deadline, Consumer<List<LiveChannel>> atPosition) {
        CollectorManagerConnection conn = collector.connection();
        if (conn == null) {
            return unavailable();
        }
        CompletableFuture<List<LiveChannel>> result = new CompletableFuture<>();
        String token = snapshots.register(result, atPosition);
        CoreShowChannelsAction action = new CoreShowChannelsAction();
        action.setActionId(token);
        try {
            conn.sendAction(action, r -> {
                if (r instanceof ManagerError || !"Success".equalsIgnoreCase(r.getResponse())) {
                    snapshots.failed(token, new IllegalStateException("CoreShowChannels failed: " + r.getMessage()));
                }
            });
        } catch (IOException | IllegalStateException e) {
            snapshots.failed(token, new NodeUnavailableException("AMI node " + nodeId() + " is not connected"));
        }
        return result.orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** On the reader thread, for every action-bound event. */
    boolean intercept(io.switchboard.pbx.asterisk.ami.AmiFrame frame) {
        return snapshots.intercept(frame);
    }

    @Override
    public String nodeId() {
        return collector.nodeId();
    }

    @Override
    public String pbxType() {
        return "asterisk";
    }

    @Override
    public boolean connected() {
        return collector.state() == io.switchboard.pbx.ConnectionState.CONNECTED;
    }

    /**
     * Success means Asterisk accepted the action ({@code Response: Success}); for an asynchronous
     * Originate that is "queued" — the later OriginateResponse event is not awaited, the call's
     * own events tell the rest. {@code Response: Error} is a failed reply carrying Asterisk's Message.
     */
    @Override
    public CompletableFuture<PbxReply> execute(PbxCommand command, Duration deadline) {
        ManagerAction action;
        try {
            PbxCommand.requireSafe(command); // before anything is built or written
            action = AmiActions.of(command);
        } catch (IllegalArgumentException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        return switch (command) {
            case PbxCommand.QueueLogin l -> send(action, deadline, r -> idempotent(r, "Already there"));
            case PbxCommand.QueueLogout l -> send(action, deadline, r -> idempotent(r, "Not there"));
            default -> send(action, deadline, AmiCallControl::reply);
        };
    }

    /**
     * Logging in a member that is already in the queue (or out one that is not) leaves the PBX as
     * asked: success, marked {@code unchanged} so the caller can resync what it believed.
     */
    private static PbxReply idempotent(ManagerResponse r, String already) {
        PbxReply reply = reply(r);
        if (!reply.success() && reply.message() != null && reply.message().endsWith(already)) {
            return new PbxReply(true, reply.message(), java.util.Map.of(PbxReply.UNCHANGED, "true"));
        }
        return reply;
    }

    /**
     * QueueStatus: one state per QueueMember, mapped like QueueMemberStatus. The member events carry
     * our ActionID, so the socket hands them to asterisk-java, which collects them until QueueStatusComplete.
     */
    @Override
    public CompletableFuture<List<AgentStateChanged>> agentStates(Duration deadline) {
        CollectorManagerConnection conn = collector.connection();
        if (conn == null) {
            return unavailable();
        }
        CompletableFuture<List<AgentStateChanged>> result = new CompletableFuture<>();
        try {
            conn.sendEventGeneratingAction(new QueueStatusAction(), events -> handOff(result, () -> members(events)));
        } catch (IOException | IllegalStateException e) {
            return unavailable();
        }
        return result.orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onConnected(Runnable listener) {
        connectListeners.add(listener);
    }

    /** Called by the collector after each successful login. */
    void fireConnected() {
        connectListeners.fire();
    }

    private <T> CompletableFuture<T> send(ManagerAction action, Duration deadline, Function<ManagerResponse, T> map) {
        CollectorManagerConnection conn = collector.connection();
        if (conn == null) {
            return unavailable();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            // writes on the caller's thread (so one caller's actions keep their order); the reply comes back async
            conn.sendAction(action, response -> handOff(result, () -> map.apply(response)));
        } catch (IOException | IllegalStateException e) {
            return unavailable();
        }
        // an unanswered action leaves asterisk-java's callback entry until this connection closes
        return result.orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Builds the value on the calling (asterisk-java) thread — cheap — and completes elsewhere. */
    private static <T> void handOff(CompletableFuture<T> result, java.util.function.Supplier<T> value) {
        T v;
        try {
            v = value.get();
        } catch (RuntimeException e) {
            HANDOFF.execute(() -> result.completeExceptionally(e));
            return;
        }
        HANDOFF.execute(() -> result.complete(v));
    }

    private static PbxReply reply(ManagerResponse r) {
        boolean ok = !(r instanceof ManagerError) && "Success".equalsIgnoreCase(r.getResponse());
        if (ok && r instanceof org.asteriskjava.manager.response.CommandResponse c && c.getResult() != null
                && !c.getResult().isEmpty()) { // a CLI command: what it printed is the answer
            return new PbxReply(true, r.getMessage(), java.util.Map.of("output", String.join("\n", c.getResult())));
        }
        return ok ? PbxReply.ok(r.getMessage()) : PbxReply.failed(r.getMessage());
    }

    private List<AgentStateChanged> members(ResponseEvents events) {
        ManagerResponse r = events.getResponse();
        if (r instanceof ManagerError || r == null) {
            throw new IllegalStateException("QueueStatus failed: " + (r == null ? "no response" : r.getMessage()));
        }
        Instant now = Instant.now();
        AmiTranslator translator = collector.translator();
        List<AgentStateChanged> out = new ArrayList<>();
        for (ResponseEvent e : events.getEvents()) {
            if (e instanceof QueueMemberEvent m) {
                String name = m.getName() != null ? m.getName() : m.getMemberName();
                String iface = m.getLocation() != null ? m.getLocation() : m.getInterface();
                out.add(translator.queueMember(m.getQueue(), iface, name,
                        m.getStatus() == null ? null : m.getStatus().toString(),
                        Boolean.TRUE.equals(m.getPaused()), m.getPausedreason(), now));
            }
        }
        return List.copyOf(out);
    }

    private <T> CompletableFuture<T> unavailable() {
        return CompletableFuture.failedFuture(new NodeUnavailableException("AMI node " + nodeId() + " is not connected"));
    }
}
