package io.switchboard.api;

import io.switchboard.agents.Agent;
import io.switchboard.audit.AuditSnapshot;
import io.switchboard.dialplans.DialplanService;
import io.switchboard.dialplans.DialplanStore;
import io.switchboard.routing.LevelStatus;
import io.switchboard.routing.PolicyStore;
import io.switchboard.workflow.deploy.WorkflowViews;

import java.util.Comparator;

/** Domain objects as the audit trail keeps them: field by field, only what is safe to show. */
final class AuditSnapshots {

    private AuditSnapshots() {
    }

    static AuditSnapshot.AgentDefinition agent(Agent a) {
        return new AuditSnapshot.AgentDefinition(a.id(), a.name(), a.tenant(), a.skills(), a.queues(),
                a.endpoints().values().stream().sorted(Comparator.comparing(e -> e.node()))
                        .map(e -> new AuditSnapshot.Endpoint(e.node(), e.memberInterface(), e.dial(), e.device()))
                        .toList());
    }

    static AuditSnapshot.PolicyVersion policy(PolicyStore.Version v) {
        return v == null ? null : new AuditSnapshot.PolicyVersion(v.version(), v.comment());
    }

    static AuditSnapshot.Level level(LevelStatus s) {
        LevelStatus.Override o = s.override();
        return new AuditSnapshot.Level(s.tenant(), s.level(), s.computedLevel(), o == null ? null : o.level(),
                o == null ? null : o.until(), o == null ? null : o.reason());
    }

    static AuditSnapshot.DialplanVersion dialplan(DialplanStore.Version v) {
        return v == null ? null : new AuditSnapshot.DialplanVersion(v.name(), v.type().id(), v.version(), v.comment());
    }

    static AuditSnapshot.DialplanDeployment deployment(DialplanService.Deployment d) {
        return new AuditSnapshot.DialplanDeployment(d.name(), d.type(), d.version(), d.nodes().stream()
                .map(n -> new AuditSnapshot.NodeResult(n.node(), n.outcome().name(), n.message())).toList());
    }

    static AuditSnapshot.WorkflowDeployment workflow(WorkflowViews.Deployed d) {
        return new AuditSnapshot.WorkflowDeployment(d.deployment().id(), d.deployment().name(), d.duplicate(),
                d.definitions().stream().map(x -> x.key() + ":" + x.version()).toList());
    }

    static AuditSnapshot.WorkflowDeployment workflow(WorkflowViews.Deployment d) {
        return d == null ? null : new AuditSnapshot.WorkflowDeployment(d.id(), d.name(), false, d.resources());
    }
}
