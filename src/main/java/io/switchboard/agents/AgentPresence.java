package io.switchboard.agents;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.calls.ActiveCall;
import io.switchboard.calls.CallEventListener;
import io.switchboard.calls.CallRecord;
import io.switchboard.calls.ResyncedCall;
import io.switchboard.events.CallEvent;
import io.switchboard.events.CallEvent.AgentCompleted;
import io.switchboard.events.CallEvent.AgentConnected;
import io.switchboard.events.CallEvent.AgentOffered;
import io.switchboard.events.CallEvent.AgentRingNoAnswer;
import io.switchboard.events.CallEvent.AgentStateChanged;
import io.switchboard.pbx.CallControl;
import io.switchboard.pbx.PbxRegistry;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Agents' live state. Lane threads hand it PBX facts; it updates the agent's state machine under
 * a short lock and hands changes on (desktops, storage) without waiting. A timer thread ends
 * wrap-ups that ran out and writes changed states; after every PBX (re)connect the node's agents
 * are resynced from the PBX itself.
 */
@ApplicationScoped
public class AgentPresence implements CallEventListener {

    private static final Logger LOG = Logger.getLogger(AgentPresence.class);

    @Inject
    AgentRoster roster;
    @Inject
    AgentStore store;
    @Inject
    AgentsConfig config;
    @Inject
    AgentPush push;
    @Inject
    PbxRegistry pbx;
    @Inject
    WrapUpCommands wrapUps;

    private final Object lock = new Object();
    private final Map<String, AgentStateMachine> machines = new HashMap<>();
    private final Map<String, AgentStatus> dirty = new LinkedHashMap<>();
    private final List<Consumer<AgentStatus>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private ScheduledExecutorService timer;

    /** After the migrations and the PBX collectors: restore, then resync on every connect. */
    void start(@Observes @Priority(110) StartupEvent ev) {
        List<AgentStore.Stored> stored = roster.load();
        synchronized (lock) {
            for (AgentStore.Stored s : stored) {
                machines.put(s.agent().id(),
                        AgentStateMachine.restored(s.agent().id(), s.presence(), s.pauseReason(), s.since()));
            }
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("agents").daemon().unstarted(r));
        timer.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
        for (CallControl c : pbx.controls()) {
            c.onConnected(() -> resync(c));
            if (c.connected()) {
                resync(c);
            }
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        if (timer != null) {
            timer.shutdownNow();
        }
        flush();
    }

    /** Called when an agent is created or changed by an admin. */
    public void defined(Agent agent) {
        synchronized (lock) {
            machines.computeIfAbsent(agent.id(), id -> new AgentStateMachine(id, Instant.now()));
        }
    }

    public void addListener(Consumer<AgentStatus> listener) {
        listeners.add(listener);
    }

    public Optional<AgentStatus> status(String agentId) {
        synchronized (lock) {
            AgentStateMachine m = machines.get(agentId);
            return m == null ? Optional.empty() : Optional.of(m.status());
        }
    }

    public List<AgentStatus> statuses(Collection<String> agentIds) {
        List<AgentStatus> out = new ArrayList<>();
        synchronized (lock) {
            for (String id : agentIds) {
                AgentStateMachine m = machines.get(id);
                if (m != null) {
                    out.add(m.status());
                }
            }
        }
        return out;
    }

    @Override
    public void onEvent(CallEvent event, String callId) {
        // the three-argument form carries what this listener needs
    }

    @Override
    public void onEvent(CallEvent event, String pbxCallId, ActiveCall view) {
        String node = event.meta().nodeId();
        String callId = pbxCallId == null ? null : node + ":" + pbxCallId; // as in records and the API
        switch (event) {
            case AgentStateChanged e -> apply(node, e.agentInterface(),
                    m -> m.member(node, e.queue(), e.state(), e.paused(), e.reason(), e.pbxTime()));
            case AgentOffered e -> apply(node, e.agentInterface(), m -> m.offered(callId, e.pbxTime()));
            case AgentRingNoAnswer e -> apply(node, e.agentInterface(), m -> m.ringEnded(callId, e.pbxTime()));
            case AgentConnected e -> apply(node, e.agentInterface(), m -> m.connected(callId, e.pbxTime()));
            case AgentCompleted e -> {
                AgentStatus s = apply(node, e.agentInterface(), m -> m.completed(callId, e.pbxTime(), config.wrapUp()));
                if (s != null && s.presence() == Presence.WRAP_UP) {
                    wrapUps.started(s.agentId());
                }
            }
            default -> {
            }
        }
    }

    /** A call ended: an agent still ringing for it stops ringing (the caller hung up first). */
    @Override
    public void onRecord(CallRecord record) {
        List<AgentStatus> changed = new ArrayList<>();
        synchronized (lock) {
            for (AgentStateMachine m : machines.values()) {
                AgentStatus before = m.status();
                if (record.id().equals(before.callId()) && before.presence() == Presence.RINGING) {
                    AgentStatus after = m.ringEnded(record.id(), Instant.now());
                    if (!after.equals(before)) {
                        changed.add(after);
                    }
                }
            }
        }
        changed.forEach(this::changed);
    }

    /**
     * A node's live snapshot was applied. The agent of an adopted call that is talking is on it
     * (so that its later end matches); an agent ringing for or on a call of the node that is no
     * longer live is released as if the end had been seen, since the PBX does not replay it.
     */
    @Override
    public void onResync(String nodeId, List<ResyncedCall> live) {
        Set<String> ids = new HashSet<>();
        for (ResyncedCall c : live) {
            ActiveCall v = c.view();
            ids.add(v.id());
            if (c.adopted() && v.answeredAt() != null && v.agentInterface() != null) {
                apply(nodeId, v.agentInterface(), m -> m.connected(v.id(), v.answeredAt()));
            }
        }
        Instant now = Instant.now();
        List<AgentStatus> changed = new ArrayList<>();
        synchronized (lock) {
            for (AgentStateMachine m : machines.values()) {
                AgentStatus before = m.status();
                String call = before.callId();
                if (call == null || !call.startsWith(nodeId + ":") || ids.contains(call) || m.inWrapUp()) {
                    continue;
                }
                AgentStatus after = m.ringEnded(call, now);
                if (call.equals(after.callId())) {
                    after = m.completed(call, now, config.wrapUp());
                }
                if (!after.equals(before)) {
                    changed.add(after);
                }
            }
        }
        for (AgentStatus s : changed) {
            changed(s);
            if (s.presence() == Presence.WRAP_UP) {
                wrapUps.started(s.agentId());
            }
        }
    }

    /** The agent says wrap-up is done (or it ran out). */
    public AgentStatus wrapUpDone(String agentId) {
        AgentStatus s;
        synchronized (lock) {
            AgentStateMachine m = machines.get(agentId);
            if (m == null) {
                return null;
            }
            AgentStatus before = m.status();
            s = m.wrapUpDone(Instant.now());
            if (s.equals(before)) {
                return s;
            }
        }
        changed(s);
        return s;
    }

    private AgentStatus apply(String node, String memberInterface, Function<AgentStateMachine, AgentStatus> f) {
        Optional<Agent> agent = roster.agentAt(node, memberInterface);
        if (agent.isEmpty()) {
            return null;
        }
        AgentStatus before;
        AgentStatus after;
        synchronized (lock) {
            AgentStateMachine m = machines.computeIfAbsent(agent.get().id(), id -> new AgentStateMachine(id, Instant.now()));
            before = m.status();
            after = f.apply(m);
        }
        if (!after.equals(before)) {
            changed(after);
        }
        return after;
    }

    private void changed(AgentStatus s) {
        synchronized (dirty) {
            dirty.put(s.agentId(), s);
        }
        push.push(s.agentId(), "state", "state", s);
        for (Consumer<AgentStatus> l : listeners) {
            l.accept(s);
        }
    }

    /** Replaces what is believed about the node's agents with what the node reports. */
    void resync(CallControl control) {
        control.agentStates(config.commandDeadline()).whenComplete((states, error) -> {
            if (error != null) {
                LOG.warnf("agent resync from %s failed: %s", control.nodeId(), error.getMessage());
                return;
            }
            List<AgentStatus> changed = new ArrayList<>();
            Instant now = Instant.now();
            synchronized (lock) {
                Map<String, AgentStatus> before = new HashMap<>();
                for (Agent a : roster.all()) {
                    if (a.endpoints().containsKey(control.nodeId())) {
                        AgentStateMachine m = machines.computeIfAbsent(a.id(), id -> new AgentStateMachine(id, now));
                        before.put(a.id(), m.status());
                        m.forgetMembership(control.nodeId());
                    }
                }
                for (AgentStateChanged e : states) {
                    roster.agentAt(control.nodeId(), e.agentInterface()).map(a -> machines.get(a.id()))
                            .ifPresent(m -> m.member(control.nodeId(), e.queue(), e.state(), e.paused(), e.reason(), now));
                }
                before.forEach((id, b) -> {
                    AgentStatus after = machines.get(id).refresh(now);
                    if (!after.equals(b)) {
                        changed.add(after);
                    }
                });
            }
            changed.forEach(this::changed);
            LOG.infof("agents resynced from %s: %d queue memberships", control.nodeId(), states.size());
        });
    }

    private void tick() {
        try {
            List<String> expired = new ArrayList<>();
            Instant now = Instant.now();
            synchronized (lock) {
                machines.forEach((id, m) -> {
                    if (m.inWrapUp() && m.wrapUpUntil() != null && !now.isBefore(m.wrapUpUntil())) {
                        expired.add(id);
                    }
                });
            }
            for (String id : expired) {
                wrapUps.done(id, null);
            }
            flush();
        } catch (RuntimeException e) {
            LOG.warnf("agent timer: %s", e.getMessage());
        }
    }

    private void flush() {
        List<AgentStatus> batch;
        synchronized (dirty) {
            batch = new ArrayList<>(dirty.values());
            dirty.clear();
        }
        if (!batch.isEmpty()) {
            store.saveStates(batch);
        }
    }
}
