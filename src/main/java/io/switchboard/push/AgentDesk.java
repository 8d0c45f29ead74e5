package io.switchboard.push;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.agents.AgentActions;
import io.switchboard.agents.AgentPresence;
import io.switchboard.agents.AgentRoster;
import io.switchboard.agents.AgentStatus;
import io.switchboard.agents.AgentsConfig;
import io.switchboard.cti.ActionResult;
import io.switchboard.cti.CtiRefusal;
import io.switchboard.cti.CtiStatus;
import io.switchboard.cti.CtiService;
import io.switchboard.pbx.PbxCommand.SpyMode;
import io.switchboard.screenpop.PopCard;
import io.switchboard.screenpop.ScreenPopService;
import io.switchboard.security.Actor;
import io.switchboard.security.Tenancy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What an agent's desktop connection can ask for, with the same rules as the REST API. Called on
 * the connection's I/O thread: nothing here blocks except the wrap-up's database write, which
 * runs on a virtual thread.
 */
@ApplicationScoped
public class AgentDesk {

    /** Where the wrap-up saves its disposition. */
    private static final java.util.concurrent.Executor BLOCKING = java.util.concurrent.Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("desk-wrap-up-", 0).factory());

    @Inject
    CtiService cti;
    @Inject
    AgentActions actions;
    @Inject
    AgentRoster roster;
    @Inject
    AgentPresence presence;
    @Inject
    AgentsConfig config;
    @Inject
    ScreenPopService pops;
    @Inject
    Tenancy tenancy;

    /** The first message on a connection. */
    public record Hello(String user, List<String> roles, String agentId, String agentName, AgentStatus status,
                        List<String> pauseReasons, List<String> dispositions, List<PopCard> cards) {
    }

    /** The answer to one request: {@code status} is the HTTP status the REST API would give. */
    public record Reply(String id, boolean ok, int status, Object result, String error) {
        static Reply error(String id, int status, String message) {
            return new Reply(id, false, status, null, message);
        }
    }

    /** The agent's name, state and open cards only when the agent is of the user's tenant. */
    Hello hello(Actor actor) {
        var agent = roster.agent(actor.agentId()).filter(a -> tenancy.sees(actor, a.tenant()));
        return new Hello(actor.username(), new ArrayList<>(actor.roles()), actor.agentId(),
                agent.map(a -> a.name()).orElse(null),
                agent.flatMap(a -> presence.status(a.id())).orElse(null),
                config.pauseReasons(), config.dispositions(),
                agent.map(a -> pops.openCards(a.id()).stream()
                        .filter(c -> a.tenant().equals(tenancy.ofCall(c.node(), c.queue()))).toList()).orElse(List.of()));
    }

    CompletableFuture<Reply> handle(Actor actor, JsonNode request) {
        String id = request.path("id").asText(null);
        String action = request.path("action").asText("");
        String callId = request.path("callId").asText(null);
        String agent = request.path("agentId").asText(actor.agentId());
        try {
            return switch (action) {
                case "answer" -> call(id, cti.answer(actor, callId));
                case "hangup" -> call(id, cti.hangup(actor, callId));
                case "hold" -> call(id, cti.hold(actor, callId, true));
                case "unhold" -> call(id, cti.hold(actor, callId, false));
                case "transfer" -> call(id, cti.blindTransfer(actor, callId, text(request, "destination"),
                        text(request, "context")));
                case "attended-transfer" -> call(id, cti.attendedTransfer(actor, callId, text(request, "destination"),
                        text(request, "context")));
                case "attended-transfer-complete" -> call(id, cti.completeTransfer(actor, callId));
                case "attended-transfer-cancel" -> call(id, cti.cancelTransfer(actor, callId));
                case "listen", "whisper", "barge" -> call(id, cti.spy(actor, callId,
                        SpyMode.valueOf(action.toUpperCase(java.util.Locale.ROOT))));
                case "dial" -> call(id, cti.dial(actor, agent, text(request, "destination"), text(request, "node")));
                case "login" -> agent(id, actions.login(actor, agent, queues(request)));
                case "logout" -> agent(id, actions.logout(actor, agent));
                case "pause" -> agent(id, actions.pause(actor, agent, text(request, "reason")));
                case "unpause" -> agent(id, actions.unpause(actor, agent));
                case "wrap-up" -> agent(id, CompletableFuture.supplyAsync(() -> actions.wrapUpDone(actor, agent, callId,
                        text(request, "disposition"), text(request, "note")), BLOCKING).thenCompose(o -> o))
                        .exceptionally(e -> refused(id, e));
                default -> CompletableFuture.completedFuture(Reply.error(id, 400, "unknown action '" + action + "'"));
            };
        } catch (CtiRefusal r) {
            return CompletableFuture.completedFuture(Reply.error(id, r.status(), r.getMessage()));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(Reply.error(id, 400, e.getMessage()));
        }
    }

    /** A refusal thrown off the calling thread (the wrap-up's database step), as the reply it stands for. */
    private static Reply refused(String id, Throwable error) {
        Throwable e = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (e instanceof CtiRefusal r) {
            return Reply.error(id, r.status(), r.getMessage());
        }
        if (e instanceof IllegalArgumentException) {
            return Reply.error(id, 400, e.getMessage());
        }
        throw e instanceof RuntimeException re ? re : new java.util.concurrent.CompletionException(e);
    }

    private static CompletableFuture<Reply> call(String id, CompletableFuture<ActionResult> result) {
        return result.thenApply(r -> new Reply(id, r.ok(), CtiStatus.of(r.outcome()), r, r.ok() ? null : r.message()));
    }

    private static CompletableFuture<Reply> agent(String id, CompletableFuture<AgentActions.Outcome> outcome) {
        return outcome.thenApply(o -> new Reply(id, o.ok(), o.ok() ? 200 : o.results().stream()
                .filter(r -> !r.ok()).findFirst().map(r -> CtiStatus.of(r.outcome())).orElse(502), o,
                o.ok() ? null : o.results().stream().filter(r -> !r.ok()).findFirst().map(ActionResult::message)
                        .orElse("failed")));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> queues(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.path("queues").forEach(q -> out.add(q.asText()));
        return out;
    }
}
