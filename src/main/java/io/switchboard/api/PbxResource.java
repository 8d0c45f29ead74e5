package io.switchboard.api;

import io.switchboard.pbx.NodeStatus;
import io.switchboard.pbx.PbxRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/v1/pbx/nodes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "PBX nodes", description = "Connection state and counters of each PBX node")
public class PbxResource {

    @Inject
    PbxRegistry registry;

    @GET
    @Operation(summary = "Every configured PBX node with its connection state and event counters")
    public List<NodeStatus> nodes() {
        return registry.nodes();
    }
}
