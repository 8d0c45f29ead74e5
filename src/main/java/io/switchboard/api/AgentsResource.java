package io.switchboard.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.switchboard.agents.Agent;
import io.switchboard.agents.AgentActions;
import io.switchboard.agents.AgentPresence;
import io.switchboard.agents.AgentRoster;
import io.switchboard.agents.AgentsConfig;
import io.switchboard.pbx.AgentEndpoint;
import io.switchboard.audit.AuditSnapshot;
import io.switchboard.security.Actor;
import io.switchboard.security.Roles;
import io.switchboard.security.Tenancy;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Agents: definitions, live state, login/logout/pause and wrap-up, of the caller's tenant only:
 * another tenant's agent answers 404 as if it did not exist.
 */
@Path("/api/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
public class AgentsResource {

    @Inject
    SecurityIdentity identity;
    @Inject
    AgentRoster roster;
    @Inject
    AgentPresence presence;
    @Inject
    AgentActions actions;
    @Inject
    AgentsConfig config;
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;
    @Inject
    AuditedChanges audited;
    @Inject
    Tenancy tenancy;

    /** What the desktop offers: pause reasons and disposition codes. */
    public record Options(List<String> pauseReasons, List<String> dispositions, long wrapUpSeconds) {
    }

    @GET
    public List<AgentView> list() {
        Actor actor = Actor.of(identity);
        return roster.all().stream().filter(a -> visible(actor, a)).map(this::view).toList();
    }

    @GET
    @Path("/me")
    public AgentView me() {
        Actor actor = Actor.of(identity);
        return roster.agent(actor.agentId()).filter(a -> tenancy.sees(actor, a.tenant())).map(this::view)
                .orElseThrow(() -> ApiException.notFound("user " + actor.username() + " is not an agent"));
    }

    @GET
    @Path("/options")
    public Options options() {
        return new Options(config.pauseReasons(), config.dispositions(), config.wrapUp().toSeconds());
    }

    @GET
    @Path("/{id}")
    public AgentView get(@PathParam("id") String id) {
        Actor actor = Actor.of(identity);
        return roster.agent(id).filter(a -> visible(actor, a)).map(this::view)
                .orElseThrow(() -> ApiException.notFound("no agent " + id));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Blocking
    public AgentView define(@PathParam("id") String id, @Valid @NotNull AgentRequests.Define body) {
        if (!id.matches("[A-Za-z0-9_.@-]{1,64}")) {
            throw ApiException.badRequest("agent id must be 1-64 letters, digits, '_', '.', '@' or '-'");
        }
        String tenant = TenantScope.forDefinition(body.tenant(), TenantScope.of(Actor.of(identity)));
        if (roster.agent(id).filter(a -> !a.tenant().equals(tenant)).isPresent()) {
            throw ApiException.notFound("no agent " + id); // another tenant's: never say it exists
        }
        List<String> queues = body.queues() == null ? List.of() : body.queues();
        for (String q : queues) {
            String owner = tenancy.ofQueue(q);
            // unnamed queues are everyone's; a queue given to another tenant would bring its calls here
            if (!owner.equals(tenant) && !owner.equals(tenancy.defaultTenant())) {
                throw ApiException.badRequest("queue " + q + " belongs to another tenant");
            }
        }
        Map<String, AgentEndpoint> endpoints = new LinkedHashMap<>();
        for (AgentRequests.Endpoint e : body.endpoints()) {
            if (endpoints.put(e.node(), new AgentEndpoint(e.node(), e.memberInterface(), e.dial(), e.device())) != null) {
                throw ApiException.badRequest("more than one endpoint on node " + e.node());
            }
        }
        Agent agent = new Agent(id, body.name(), tenant, body.skills() == null ? List.of() : body.skills(), queues,
                endpoints);
        Actor actor = Actor.of(identity);
        AuditSnapshot before = roster.agent(id).map(AuditSnapshots::agent).orElse(null);
        audited.runJoined(actor, "agent.update", "agent", id, before, AuditSnapshots.agent(agent), entry -> {
            roster.save(agent, entry::into);
            presence.defined(agent);
        });
        return view(agent);
    }

    @POST
    @Path("/{id}/login")
    @jakarta.ws.rs.Consumes(MediaType.WILDCARD) // the body {"queues": [...]} is optional, so is its type
    public CompletionStage<AgentActions.Outcome> login(@PathParam("id") String id, String body) {
        List<String> queues = null;
        if (body != null && !body.isBlank()) {
            try {
                AgentRequests.Login login = json.readValue(body, AgentRequests.Login.class);
                queues = login == null ? null : login.queues();
            } catch (java.io.IOException e) {
                throw ApiException.badRequest("body must be {\"queues\": [\"queue\", ...]} or empty");
            }
        }
        return actions.login(Actor.of(identity), id, queues);
    }

    @POST
    @Path("/{id}/logout")
    public CompletionStage<AgentActions.Outcome> logout(@PathParam("id") String id) {
        return actions.logout(Actor.of(identity), id);
    }

    @POST
    @Path("/{id}/pause")
    public CompletionStage<AgentActions.Outcome> pause(@PathParam("id") String id, @Valid @NotNull AgentRequests.Pause body) {
        return actions.pause(Actor.of(identity), id, body.reason());
    }

    @POST
    @Path("/{id}/unpause")
    public CompletionStage<AgentActions.Outcome> unpause(@PathParam("id") String id) {
        return actions.unpause(Actor.of(identity), id);
    }

    @POST
    @Path("/{id}/wrap-up")
    @Blocking
    public CompletionStage<AgentActions.Outcome> wrapUp(@PathParam("id") String id,
                                                        @Valid @NotNull AgentRequests.WrapUp body) {
        return actions.wrapUpDone(Actor.of(identity), id, body.callId(), body.disposition(), body.note());
    }

    private AgentView view(Agent a) {
        return AgentView.of(a, presence.status(a.id()).orElse(null));
    }

    private boolean visible(Actor actor, Agent a) {
        return tenancy.sees(actor, a.tenant()) && (a.id().equals(actor.agentId()) || actor.isAdmin()
                || a.queues().stream().anyMatch(actor::supervises));
    }
}
