package io.switchboard.agents;

import io.agroal.api.AgroalDataSource;
import io.switchboard.cti.ActionResult;
import io.switchboard.cti.CallIndex;
import io.switchboard.cti.CtiExecutor;
import io.switchboard.cti.CtiRefusal;
import io.switchboard.pbx.AgentEndpoint;
import io.switchboard.pbx.CallControl;
import io.switchboard.pbx.PbxCommand;
import io.switchboard.pbx.PbxRegistry;
import io.switchboard.pbx.PbxText;
import io.switchboard.security.Actor;
import io.switchboard.security.Tenancy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * Login, logout, pause, unpause and wrap-up done, sent to every node the agent has a phone on:
 * Asterisk once per queue (QueueAdd/QueueRemove), mod_callcenter once per agent. The state
 * follows from the PBX's events, so the desktop shows what the PBX really did.
 */
@ApplicationScoped
public class AgentActions {

    @Inject
    AgentRoster roster;
    @Inject
    AgentsConfig config;
    @Inject
    PbxRegistry pbx;
    @Inject
    CtiExecutor executor;
    @Inject
    WrapUpCommands wrapUps;
    @Inject
    AgroalDataSource db;
    @Inject
    AgentPresence presence;
    @Inject
    jakarta.enterprise.event.Event<DispositionRecorded> dispositions;
    @Inject
    Tenancy tenancy;
    @Inject
    CallIndex calls;

    /** Results of one action on every node (and queue) it went to. */
    public record Outcome(String agentId, String action, boolean ok, List<ActionResult> results) {
    }

    public CompletableFuture<Outcome> login(Actor actor, String agentId, List<String> queues) {
        Agent a = allowed(actor, agentId, "login");
        List<String> qs = queues == null || queues.isEmpty() ? a.queues() : queues;
        for (String q : qs) {
            if (!a.queues().contains(q)) {
                throw refuse(actor, agentId, "login", CtiRefusal.invalid("agent " + agentId + " is not a member of queue " + q));
            }
        }
        if (qs.isEmpty()) {
            throw refuse(actor, agentId, "login", CtiRefusal.conflict("agent " + agentId + " has no queues"));
        }
        return perQueue(actor, a, "login", qs, (e, q) -> new PbxCommand.QueueLogin(e, q, a.name(), false));
    }

    public CompletableFuture<Outcome> logout(Actor actor, String agentId) {
        Agent a = allowed(actor, agentId, "logout");
        return perQueue(actor, a, "logout", a.queues(), PbxCommand.QueueLogout::new);
    }

    public CompletableFuture<Outcome> pause(Actor actor, String agentId, String reason) {
        Agent a = allowed(actor, agentId, "pause");
        if (reason == null || PbxText.hasControlCharacters(reason) || !config.pauseReasons().contains(reason)) {
            throw refuse(actor, agentId, "pause", CtiRefusal.invalid("pause reason must be one of "
                    + config.pauseReasons()));
        }
        return perNode(actor, a, "pause", e -> new PbxCommand.QueuePause(e, null, true, reason));
    }

    public CompletableFuture<Outcome> unpause(Actor actor, String agentId) {
        Agent a = allowed(actor, agentId, "unpause");
        return perNode(actor, a, "unpause", e -> new PbxCommand.QueuePause(e, null, false, null));
    }

    /** Wrap-up done with a disposition for the call just handled. */
    public CompletableFuture<Outcome> wrapUpDone(Actor actor, String agentId, String callId, String code, String note) {
        Agent agent = allowed(actor, agentId, "wrap-up-done");
        if (code == null || !config.dispositions().contains(code)) {
            throw refuse(actor, agentId, "wrap-up-done", CtiRefusal.invalid("disposition must be one of "
                    + config.dispositions()));
        }
        if (note != null && note.length() > 1000) {
            throw refuse(actor, agentId, "wrap-up-done", CtiRefusal.invalid("note is longer than 1000 characters"));
        }
        if (callId != null && !callOf(callId, agent.tenant())) {
            throw refuse(actor, agentId, "wrap-up-done", CtiRefusal.notFound("no call " + callId));
        }
        if (callId != null) {
            saveDisposition(callId, agentId, code, note);
            dispositions.fireAsync(new DispositionRecorded(agent.tenant(), callId, agentId, code, note,
                    actor.username(), Instant.now()));
        }
        return wrapUps.done(agentId, actor).thenApply(rs -> new Outcome(agentId, "wrap-up-done",
                rs.stream().allMatch(ActionResult::ok), rs));
    }

    private CompletableFuture<Outcome> perQueue(Actor actor, Agent a, String action, List<String> queues,
                                                BiFunction<AgentEndpoint, String, PbxCommand> command) {
        List<CompletableFuture<ActionResult>> all = new ArrayList<>();
        for (AgentEndpoint e : a.endpoints().values()) {
            CallControl c = control(actor, a, action, e);
            // mod_callcenter status covers every queue (tiers are its configuration): one command
            List<String> targets = c.pbxType().equals("freeswitch") ? queues.subList(0, 1) : queues;
            for (String q : targets) {
                all.add(executor.run(actor, a.id(), null, c, command.apply(e, q), q).thenApply(r -> {
                    if (r.data().containsKey(io.switchboard.pbx.PbxReply.UNCHANGED)) {
                        presence.resync(c); // no event will come: ask the PBX what it has
                    }
                    return r;
                }));
            }
        }
        return join(a.id(), action, all);
    }

    private CompletableFuture<Outcome> perNode(Actor actor, Agent a, String action,
                                               java.util.function.Function<AgentEndpoint, PbxCommand> command) {
        List<CompletableFuture<ActionResult>> all = new ArrayList<>();
        for (AgentEndpoint e : a.endpoints().values()) {
            all.add(executor.run(actor, a.id(), null, control(actor, a, action, e), command.apply(e), e.memberInterface()));
        }
        return join(a.id(), action, all);
    }

    private static CompletableFuture<Outcome> join(String agentId, String action, List<CompletableFuture<ActionResult>> all) {
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<ActionResult> rs = all.stream().map(CompletableFuture::join).toList();
            return new Outcome(agentId, action, !rs.isEmpty() && rs.stream().allMatch(ActionResult::ok), rs);
        });
    }

    private CallControl control(Actor actor, Agent a, String action, AgentEndpoint e) {
        return pbx.control(e.node()).orElseThrow(() -> refuse(actor, a.id(), action,
                new CtiRefusal(503, "unavailable", "PBX node " + e.node() + " is not configured")));
    }

    /**
     * Agents act for themselves; supervisors for agents of their queues; admins for anyone — all
     * within their tenant: another tenant's agent is not found.
     */
    private Agent allowed(Actor actor, String agentId, String action) {
        Agent a = roster.agent(agentId).filter(x -> tenancy.sees(actor, x.tenant())).orElseThrow(() -> refuse(actor,
                agentId, action, CtiRefusal.notFound("no agent " + agentId)));
        if (agentId.equals(actor.agentId()) || actor.isAdmin() || a.queues().stream().anyMatch(actor::supervises)) {
            if (a.endpoints().isEmpty()) {
                throw refuse(actor, agentId, action, CtiRefusal.conflict("agent " + agentId + " has no phone"));
            }
            return a;
        }
        throw refuse(actor, agentId, action, CtiRefusal.forbidden("not allowed to act for agent " + agentId));
    }

    private CtiRefusal refuse(Actor actor, String agentId, String action, CtiRefusal r) {
        executor.refused(actor, agentId, action, null, null, null, r.outcome(), r.getMessage());
        return r;
    }

    /**
     * Whether a disposition may name the call: not when the call, in progress or stored, is another
     * tenant's (its workflows would take it for this tenant's). A call not stored yet (the writer
     * is behind) is the agent's own word, as before.
     */
    private boolean callOf(String callId, String tenant) {
        var live = calls.call(callId);
        if (live.isPresent()) {
            return tenant.equals(tenancy.ofCall(live.get().node(), live.get().queue()));
        }
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select tenant from call_records where id = ?")) {
            ps.setString(1, callId);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return !rs.next() || tenant.equals(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the call's tenant failed", e);
        }
    }

    private void saveDisposition(String callId, String agentId, String code, String note) {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement del = c.prepareStatement("delete from call_dispositions where call_id = ? and agent_id = ?")) {
                del.setString(1, callId);
                del.setString(2, agentId);
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into call_dispositions (call_id, agent_id, code, note, "
                    + "at_us) values (?, ?, ?, ?, ?)")) {
                ps.setString(1, callId);
                ps.setString(2, agentId);
                ps.setString(3, code);
                ps.setString(4, note);
                ps.setLong(5, ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()));
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("saving the disposition failed", e);
        }
    }
}
