package io.switchboard.pbx;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when every enabled PBX node is connected; each node's state is in the data. */
@Readiness
@ApplicationScoped
public class PbxHealthCheck implements HealthCheck {

    @Inject
    PbxRegistry registry;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("pbx-nodes").up();
        for (NodeStatus n : registry.nodes()) {
            b.withData(n.id(), n.state().name());
            if (n.state() != ConnectionState.CONNECTED && n.state() != ConnectionState.DISABLED) {
                b.down();
            }
        }
        return b.build();
    }
}
