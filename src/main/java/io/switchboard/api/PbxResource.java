package io.switchboard.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.switchboard.pbx.NodeStatus;
import io.switchboard.pbx.PbxRegistry;
import io.switchboard.security.Actor;
import io.switchboard.security.Roles;
import io.switchboard.security.Tenancy;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The PBX nodes' connection state: a tenant sees the nodes it owns, the platform tenant every node. */
@Path("/api/v1/pbx/nodes")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
@Tag(name = "PBX nodes", description = "Connection state and counters of each PBX node")
public class PbxResource {

    @Inject
    PbxRegistry registry;
    @Inject
    Tenancy tenancy;
    @Inject
    SecurityIdentity identity;

    @GET
    @Operation(summary = "The PBX nodes the caller's tenant owns (the platform tenant: all), with their connection"
            + " state and event counters")
    public List<NodeStatus> nodes() {
        Actor a = Actor.of(identity);
        if (tenancy.platformTenant().equals(a.tenant())) {
            return registry.nodes();
        }
        return registry.nodes().stream().filter(n -> tenancy.ownsNode(a.tenant(), n.id())).toList();
    }
}
