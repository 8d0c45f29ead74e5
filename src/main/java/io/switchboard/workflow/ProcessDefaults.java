package io.switchboard.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.quarkus.engine.extension.event.CamundaEngineStartupEvent;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Deploys the shipped processes and decisions when the engine is up. No tenant id: they are
 * shared by all tenants until a tenant deploys its own version. Duplicate filtering makes a
 * restart with unchanged files a no-op, and a changed file a new version (running instances
 * keep theirs).
 */
@ApplicationScoped
public class ProcessDefaults {

    private static final Logger LOG = Logger.getLogger(ProcessDefaults.class);
    static final String DEPLOYMENT = "switchboard-defaults";
    static final List<String> RESOURCES = List.of(
            "bpmn/discount-approval.bpmn",
            "bpmn/discount-approval-route.dmn",
            "bpmn/unresolved-escalation.bpmn",
            "bpmn/vip-callback.bpmn");

    @Inject
    RepositoryService repository;
    @Inject
    WorkflowConfig config;

    void deploy(@Observes CamundaEngineStartupEvent event) {
        if (!config.deployDefaults()) {
            return;
        }
        var builder = repository.createDeployment().name(DEPLOYMENT).enableDuplicateFiltering(false);
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (String r : RESOURCES) {
            builder.addInputStream(r, loader.getResourceAsStream(r));
        }
        DeploymentWithDefinitions d = builder.deployWithResult();
        LOG.infof("workflow defaults: deployment %s (%d new process definitions)", d.getId(),
                d.getDeployedProcessDefinitions() == null ? 0 : d.getDeployedProcessDefinitions().size());
    }
}
