package io.switchboard.cti;

import io.switchboard.agents.Agent;
import io.switchboard.agents.AgentRoster;
import io.switchboard.cti.CallIndex.CallLegs;
import io.switchboard.cti.CallIndex.Leg;
import io.switchboard.pbx.AgentEndpoint;
import io.switchboard.pbx.CallControl;
import io.switchboard.pbx.LegRef;
import io.switchboard.pbx.PbxCommand;
import io.switchboard.pbx.PbxRegistry;
import io.switchboard.pbx.PbxText;
import io.switchboard.routing.NodeGroups;
import io.switchboard.security.Actor;
import io.switchboard.security.Tenancy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Call control for agents and supervisors. Every action: check the input, check that the actor
 * may act on the call (an agent its own calls, a supervisor the calls of its queues), find the
 * node and legs, send the command, audit. Everything happens within the actor's tenant: a call or
 * agent of another tenant is not found (404), and its agents never stand in for a supervisor's
 * action. Refusals throw {@link CtiRefusal} (and are audited); PBX outcomes come back as an
 * {@link ActionResult}.
 */
@ApplicationScoped
public class CtiService {

    @Inject
    CallIndex calls;
    @Inject
    AgentRoster roster;
    @Inject
    PbxRegistry pbx;
    @Inject
    CtiExecutor executor;
    @Inject
    CtiConfig config;
    @Inject
    NodeGroups groups;
    @Inject
    Tenancy tenancy;

    private volatile Pattern destinationPattern;

    /** A call as one agent sees it: the call, the agent and where the agent sits on the call's node. */
    private record Target(CallLegs call, Agent agent, AgentEndpoint endpoint, Leg agentLeg, CallControl control) {
    }

    public CompletableFuture<ActionResult> answer(Actor actor, String callId) {
        Target t = target(actor, "answer", callId);
        return run(actor, t, new PbxCommand.Answer(t.agentLeg().ref(), t.endpoint()), t.agentLeg().channel());
    }

    public CompletableFuture<ActionResult> hangup(Actor actor, String callId) {
        Target t = target(actor, "hangup", callId);
        return run(actor, t, new PbxCommand.Hangup(t.agentLeg().ref()), t.agentLeg().channel());
    }

    public CompletableFuture<ActionResult> hold(Actor actor, String callId, boolean on) {
        Target t = target(actor, on ? "hold" : "unhold", callId);
        Leg other = other(actor, t, on ? "hold" : "unhold");
        return run(actor, t, new PbxCommand.Hold(t.agentLeg().ref(), other.ref(), t.endpoint(), on), other.channel());
    }

    public CompletableFuture<ActionResult> blindTransfer(Actor actor, String callId, String destination, String context) {
        String dest = destination(actor, "blind-transfer", callId, destination);
        String ctx = context(actor, "blind-transfer", callId, context);
        Target t = target(actor, "blind-transfer", callId);
        Leg other = other(actor, t, "blind-transfer");
        return run(actor, t, new PbxCommand.BlindTransfer(t.agentLeg().ref(), other.ref(), dest, ctx), dest);
    }

    public CompletableFuture<ActionResult> attendedTransfer(Actor actor, String callId, String destination,
                                                            String context) {
        String dest = destination(actor, "attended-transfer", callId, destination);
        String ctx = context(actor, "attended-transfer", callId, context);
        Target t = target(actor, "attended-transfer", callId);
        if (t.call().consult() != null) {
            throw refuse(actor, t.agent().id(), "attended-transfer", callId, CtiRefusal.conflict(
                    "a consultation is already in progress on call " + callId));
        }
        Leg other = other(actor, t, "attended-transfer");
        return run(actor, t, new PbxCommand.AttendedTransferStart(t.agentLeg().ref(), other.ref(), t.endpoint(), dest,
                ctx), dest).thenApply(r -> {
            if (r.ok()) {
                String consultId = r.data().get("consultLeg");
                calls.consult(callId, new CallIndex.Consult(t.agent().id(),
                        new LegRef(consultId, r.data().get("consultChannel")), dest));
            }
            return r;
        });
    }

    public CompletableFuture<ActionResult> completeTransfer(Actor actor, String callId) {
        return endConsult(actor, callId, true);
    }

    public CompletableFuture<ActionResult> cancelTransfer(Actor actor, String callId) {
        return endConsult(actor, callId, false);
    }

    private CompletableFuture<ActionResult> endConsult(Actor actor, String callId, boolean complete) {
        String action = complete ? "attended-transfer-complete" : "attended-transfer-cancel";
        Target t = target(actor, action, callId);
        CallIndex.Consult consult = t.call().consult();
        if (consult == null) {
            throw refuse(actor, t.agent().id(), action, callId,
                    CtiRefusal.conflict("no consultation in progress on call " + callId));
        }
        Leg other = other(actor, t, action);
        PbxCommand cmd = complete
                ? new PbxCommand.AttendedTransferComplete(t.agentLeg().ref(), other.ref(), consult.leg())
                : new PbxCommand.AttendedTransferCancel(t.agentLeg().ref(), other.ref(), consult.leg());
        return run(actor, t, cmd, consult.destination()).thenApply(r -> {
            if (r.ok()) {
                calls.consult(callId, null);
            }
            return r;
        });
    }

    /** A supervisor listens to, whispers to or barges into the call of the agent on it. */
    public CompletableFuture<ActionResult> spy(Actor actor, String callId, PbxCommand.SpyMode mode) {
        String action = "spy-" + mode.name().toLowerCase(java.util.Locale.ROOT);
        CallLegs call = call(actor, null, action, callId);
        if (!actor.supervises(call.queue())) {
            throw refuse(actor, null, action, callId, CtiRefusal.forbidden(
                    "only a supervisor of queue " + call.queue() + " may " + mode.name().toLowerCase() + " on this call"));
        }
        AgentEndpoint own = agent(actor, actor.agentId()).map(a -> a.endpoints().get(call.node())).orElseThrow(() ->
                refuse(actor, null, action, callId, CtiRefusal.conflict(
                        "user " + actor.username() + " has no phone on node " + call.node())));
        Target t = tenantAgents(actor).map(a -> targetOf(call, a)).filter(java.util.Objects::nonNull).findFirst()
                .orElseThrow(() -> refuse(actor, null, action, callId, CtiRefusal.conflict(
                        "no agent is on call " + callId)));
        return executor.run(actor, actor.agentId(), callId, t.control(),
                new PbxCommand.Spy(mode, own, t.agentLeg().ref()), t.agentLeg().channel());
    }

    /** Click-to-dial from the agent's own phone on {@code node} (null: its first node). */
    public CompletableFuture<ActionResult> dial(Actor actor, String agentId, String destination, String node) {
        String dest = destination(actor, "originate", null, destination);
        Agent agent = agent(actor, agentId).orElseThrow(() -> refuse(actor, agentId, "originate", null,
                CtiRefusal.notFound("no agent " + agentId)));
        if (!agentId.equals(actor.agentId()) && !actor.isAdmin()
                && agent.queues().stream().noneMatch(actor::supervises)) {
            throw refuse(actor, agentId, "originate", null, CtiRefusal.forbidden("not allowed to dial for agent " + agentId));
        }
        AgentEndpoint chosen = (node == null ? agent.endpoints().values().stream().sorted(
                java.util.Comparator.comparing(AgentEndpoint::node)).findFirst() : java.util.Optional.ofNullable(
                agent.endpoints().get(node))).orElseThrow(() -> refuse(actor, agentId, "originate", null,
                CtiRefusal.conflict("agent " + agentId + " has no phone" + (node == null ? "" : " on node " + node))));
        AgentEndpoint from = activeEndpoint(agent, chosen);
        CallControl control = pbx.control(from.node()).orElseThrow(() -> refuse(actor, agentId, "originate", null,
                new CtiRefusal(503, "unavailable", "PBX node " + from.node() + " is not configured")));
        return executor.run(actor, agentId, null, control, new PbxCommand.Originate(from, dest, config.defaultContext(),
                from.device(), agent.name(), Map.of("SB_AGENT", agentId)), dest);
    }

    /**
     * A new call starts on the active member of the endpoint's node group (failover), when the agent
     * has a phone there too; otherwise on the endpoint's own node. Commands on existing calls never
     * move: the call lives on its node.
     */
    private AgentEndpoint activeEndpoint(Agent agent, AgentEndpoint endpoint) {
        String active = groups.nodeFor(endpoint.node());
        AgentEndpoint there = active.equals(endpoint.node()) ? null : agent.endpoints().get(active);
        return there == null ? endpoint : there;
    }

    private CompletableFuture<ActionResult> run(Actor actor, Target t, PbxCommand command, String target) {
        return executor.run(actor, t.agent().id(), t.call().callId(), t.control(), command, target);
    }

    /** Finds the call and the acting agent's place on it; supervisors act through the call's agent. */
    private Target target(Actor actor, String action, String callId) {
        CallLegs call = call(actor, actor.agentId(), action, callId);
        Agent own = agent(actor, actor.agentId()).orElse(null);
        Target mine = own == null ? null : targetOf(call, own);
        if (mine != null) {
            return mine;
        }
        if (actor.supervises(call.queue())) {
            Target theirs = tenantAgents(actor).map(a -> targetOf(call, a)).filter(java.util.Objects::nonNull)
                    .findFirst().orElse(null);
            if (theirs != null) {
                return theirs;
            }
            throw refuse(actor, actor.agentId(), action, callId, CtiRefusal.conflict("no agent is on call " + callId));
        }
        throw refuse(actor, actor.agentId(), action, callId, CtiRefusal.forbidden("call " + callId + " is not yours"));
    }

    /** A call in progress of the actor's tenant; another tenant's gets the same answer as a missing one. */
    private CallLegs call(Actor actor, String agentId, String action, String callId) {
        return calls.call(callId).filter(c -> tenancy.sees(actor, tenancy.ofCall(c.node(), c.queue())))
                .orElseThrow(() -> refuse(actor, agentId, action, callId,
                        CtiRefusal.notFound("no call " + callId + " in progress")));
    }

    private java.util.Optional<Agent> agent(Actor actor, String agentId) {
        return roster.agent(agentId).filter(a -> tenancy.sees(actor, a.tenant()));
    }

    private java.util.stream.Stream<Agent> tenantAgents(Actor actor) {
        return roster.all().stream().filter(a -> tenancy.sees(actor, a.tenant()));
    }

    private Target targetOf(CallLegs call, Agent agent) {
        AgentEndpoint e = agent.endpoints().get(call.node());
        if (e == null) {
            return null;
        }
        Leg leg = call.agentLeg(e).orElse(null);
        if (leg == null) {
            return null;
        }
        CallControl control = pbx.control(call.node()).orElse(null);
        return control == null ? null : new Target(call, agent, e, leg, control);
    }

    private Leg other(Actor actor, Target t, String action) {
        return t.call().otherLeg(t.agentLeg()).orElseThrow(() -> refuse(actor, t.agent().id(), action,
                t.call().callId(), CtiRefusal.conflict("the agent is alone on call " + t.call().callId())));
    }

    private String destination(Actor actor, String action, String callId, String destination) {
        if (destination == null || destination.isBlank()) {
            throw refuse(actor, actor.agentId(), action, callId, CtiRefusal.invalid("destination is required"));
        }
        if (PbxText.hasControlCharacters(destination)) {
            throw refuse(actor, actor.agentId(), action, callId,
                    CtiRefusal.invalid("destination contains a line break or control character"));
        }
        Pattern p = destinationPattern;
        if (p == null) {
            p = destinationPattern = Pattern.compile(config.destinationPattern());
        }
        if (!p.matcher(destination).matches()) {
            throw refuse(actor, actor.agentId(), action, callId, CtiRefusal.invalid("destination '" + destination
                    + "' is not a number or extension (allowed: " + config.destinationPattern() + ")"));
        }
        return destination;
    }

    private String context(Actor actor, String action, String callId, String context) {
        if (context == null || context.isBlank()) {
            return config.defaultContext();
        }
        if (PbxText.hasControlCharacters(context) || !context.matches("[A-Za-z0-9_.-]{1,80}")) {
            throw refuse(actor, actor.agentId(), action, callId, CtiRefusal.invalid("context '" + context.strip()
                    + "' is not a dialplan context name"));
        }
        return context;
    }

    private CtiRefusal refuse(Actor actor, String agentId, String action, String callId, CtiRefusal refusal) {
        executor.refused(actor, agentId, action, callId, null, null, refusal.outcome(), refusal.getMessage());
        return refusal;
    }
}
