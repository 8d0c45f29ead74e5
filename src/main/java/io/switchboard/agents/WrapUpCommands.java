package io.switchboard.agents;

import io.switchboard.cti.ActionResult;
import io.switchboard.cti.CtiExecutor;
import io.switchboard.pbx.AgentEndpoint;
import io.switchboard.pbx.CallControl;
import io.switchboard.pbx.PbxCommand;
import io.switchboard.pbx.PbxRegistry;
import io.switchboard.security.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Wrap-up on the PBX side. Asterisk's queue would offer the next call as soon as the last one
 * ends, so the agent is paused with reason {@value AgentStateMachine#WRAP_UP_REASON} until wrap-up
 * is done; mod_callcenter keeps its own wrap-up time and is set back to Waiting when done.
 */
@ApplicationScoped
public class WrapUpCommands {

    @Inject
    AgentRoster roster;
    @Inject
    AgentPresence presence;
    @Inject
    PbxRegistry pbx;
    @Inject
    CtiExecutor executor;

    void started(String agentId) {
        roster.agent(agentId).ifPresent(a -> a.endpoints().values().forEach(e -> control(e)
                .filter(c -> c.pbxType().equals("asterisk"))
                .ifPresent(c -> executor.run(null, agentId, null, c,
                        new PbxCommand.QueuePause(e, null, true, AgentStateMachine.WRAP_UP_REASON), "wrap-up"))));
    }

    /** Ends wrap-up: state first (the desktop sees it at once), then the PBX on every node. */
    public CompletableFuture<List<ActionResult>> done(String agentId, Actor actor) {
        presence.wrapUpDone(agentId);
        Optional<Agent> agent = roster.agent(agentId);
        if (agent.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        List<CompletableFuture<ActionResult>> all = new ArrayList<>();
        for (AgentEndpoint e : agent.get().endpoints().values()) {
            control(e).ifPresent(c -> all.add(executor.run(actor, agentId, null, c, new PbxCommand.WrapUpDone(e),
                    e.memberInterface())));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .thenApply(v -> all.stream().map(CompletableFuture::join).toList());
    }

    private Optional<CallControl> control(AgentEndpoint e) {
        return pbx.control(e.node());
    }
}
