package io.switchboard.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.switchboard.metrics.AgentMetrics;
import io.switchboard.metrics.MetricsService;
import io.switchboard.metrics.MetricsWindow;
import io.switchboard.metrics.MonitorSnapshot;
import io.switchboard.metrics.NodeMetrics;
import io.switchboard.metrics.QueueMetrics;
import io.switchboard.metrics.TenantMetrics;
import io.switchboard.metrics.TenantViews;
import io.switchboard.security.Actor;
import io.switchboard.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

/**
 * Call-center metrics from memory (no database read for today): windows {@code live},
 * {@code 15m}, {@code 1h}, {@code today}, or {@code from}/{@code to}; definitions in docs/metrics.md.
 * Every answer holds the caller's tenant only; another tenant's queue or agent is answered 404.
 */
@Path("/api/v1/metrics")
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN, Roles.INTEGRATION})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Metrics", description = "Queue, agent, node and tenant metrics, live and by 15-minute interval")
public class MetricsResource {

    private static final String WINDOW = "live (interval in progress), 15m (last complete interval), "
            + "1h (last four complete intervals) or today (default)";

    @Inject
    MetricsService metrics;
    @Inject
    TenantViews views;
    @Inject
    SecurityIdentity identity;

    @GET
    @Path("/monitor")
    @Operation(summary = "Everything a wallboard shows, with the version shared by all channels")
    public MonitorSnapshot monitor(@Parameter(description = WINDOW) @QueryParam("window") String window,
                                   @QueryParam("from") String from, @QueryParam("to") String to) {
        if (window == null && from == null && to == null) {
            return views.monitor(tenant());
        }
        return views.monitor(tenant(), window(window, from, to));
    }

    @GET
    @Path("/queues")
    @Operation(summary = "Every queue of the caller's tenant: figures and live state")
    public List<QueueMetrics> queues(@Parameter(description = WINDOW) @QueryParam("window") String window,
                                     @Parameter(description = "ISO-8601 instant, widened to a 15-minute bound")
                                     @QueryParam("from") String from,
                                     @Parameter(description = "ISO-8601 instant, widened to a 15-minute bound")
                                     @QueryParam("to") String to) {
        return views.queues(tenant(), window(window, from, to));
    }

    @GET
    @Path("/queues/{queue}")
    @Operation(summary = "One queue's figures and live state")
    public QueueMetrics queue(@PathParam("queue") String queue,
                              @Parameter(description = WINDOW) @QueryParam("window") String window,
                              @QueryParam("from") String from, @QueryParam("to") String to) {
        MetricsWindow w = window(window, from, to);
        QueueMetrics q = views.ownsQueue(tenant(), queue) ? metrics.queue(queue, w) : null;
        if (q == null) {
            throw ApiException.notFound("no queue " + queue);
        }
        return q;
    }

    @GET
    @Path("/queues/{queue}/intervals")
    @Operation(summary = "One queue's figures per 15-minute interval (intervals without calls are left out)")
    public List<QueueMetrics> queueIntervals(@PathParam("queue") String queue,
                                             @Parameter(description = WINDOW) @QueryParam("window") String window,
                                             @QueryParam("from") String from, @QueryParam("to") String to) {
        MetricsWindow w = window(window, from, to);
        if (!views.ownsQueue(tenant(), queue)) {
            throw ApiException.notFound("no queue " + queue);
        }
        return metrics.queueIntervals(queue, w);
    }

    @GET
    @Path("/agents")
    @Operation(summary = "Every agent of the caller's tenant: figures, occupancy and state")
    public List<AgentMetrics> agents(@Parameter(description = WINDOW) @QueryParam("window") String window,
                                     @QueryParam("from") String from, @QueryParam("to") String to) {
        return views.agents(tenant(), window(window, from, to));
    }

    @GET
    @Path("/agents/{agent}")
    @Operation(summary = "One agent (member name, or interface where the PBX gives no name)")
    public AgentMetrics agent(@PathParam("agent") String agent,
                              @Parameter(description = WINDOW) @QueryParam("window") String window,
                              @QueryParam("from") String from, @QueryParam("to") String to) {
        return views.agents(tenant(), window(window, from, to)).stream()
                .filter(a -> a.agent().equals(agent)).findFirst()
                .orElseThrow(() -> ApiException.notFound("no agent " + agent));
    }

    @GET
    @Path("/nodes")
    @Operation(summary = "The PBX nodes the caller's tenant owns: connection, concurrent calls and its calls' figures")
    public List<NodeMetrics> nodes(@Parameter(description = WINDOW) @QueryParam("window") String window,
                                   @QueryParam("from") String from, @QueryParam("to") String to) {
        return views.nodes(tenant(), window(window, from, to));
    }

    @GET
    @Path("/tenants")
    @Operation(summary = "The caller's tenant's figures over its queues")
    public List<TenantMetrics> tenants(@Parameter(description = WINDOW) @QueryParam("window") String window,
                                       @QueryParam("from") String from, @QueryParam("to") String to) {
        return views.tenants(tenant(), window(window, from, to));
    }

    private String tenant() {
        Actor actor = Actor.of(identity);
        return actor == null ? null : actor.tenant();
    }

    private MetricsWindow window(String window, String from, String to) {
        try {
            return metrics.window(window, from, to, Instant.now());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
