package io.switchboard.workflow.deploy;

import io.switchboard.workflow.deploy.WorkflowViews.Definition;
import io.switchboard.workflow.deploy.WorkflowViews.Deployment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.ResourceDefinition;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a tenant sees of the deployed workflows: its own definitions and the shared ones (deployed
 * without a tenant, e.g. the service's built-in processes), every version, the XML of one, and
 * the deployments with who made them. A tenant's own definition of a key hides the shared one
 * when a process is started ({@link #processToStart}). Blocking: call from worker threads.
 */
@ApplicationScoped
public class WorkflowCatalog {

    @Inject
    RepositoryService repository;
    @Inject
    RuntimeService runtime;
    @Inject
    HistoryService history;

    /** Every version of every process and decision the tenant sees, newest deployments first per key. */
    public List<Definition> definitions(String tenant) {
        Map<String, Date> deployedAt = new HashMap<>();
        repository.createDeploymentQuery().tenantIdIn(tenant).includeDeploymentsWithoutTenantId().list()
                .forEach(d -> deployedAt.put(d.getId(), d.getDeploymentTime()));
        List<Definition> out = new ArrayList<>();
        repository.createProcessDefinitionQuery().tenantIdIn(tenant).includeProcessDefinitionsWithoutTenantId()
                .list().forEach(d -> out.add(view(d, deployedAt.get(d.getDeploymentId()))));
        repository.createDecisionDefinitionQuery().tenantIdIn(tenant).includeDecisionDefinitionsWithoutTenantId()
                .list().forEach(d -> out.add(view(d, deployedAt.get(d.getDeploymentId()))));
        out.sort(Comparator.comparing(Definition::key).thenComparing(d -> d.tenant() == null)
                .thenComparing(Comparator.comparingInt(Definition::version).reversed()));
        return out;
    }

    /**
     * The definition of {@code key} the tenant starts: its own latest version, else the shared latest.
     * Processes started this way run on that version until they end, whatever is deployed later.
     */
    public Optional<ProcessDefinition> processToStart(String tenant, String key) {
        ProcessDefinition own = repository.createProcessDefinitionQuery().processDefinitionKey(key).tenantIdIn(tenant)
                .latestVersion().singleResult();
        if (own != null) {
            return Optional.of(own);
        }
        return Optional.ofNullable(repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .withoutTenantId().latestVersion().singleResult());
    }

    /** The XML of a process or decision {@code key} (a version, or the latest) as the tenant sees it. */
    public Optional<String> xml(String tenant, String key, Integer version) {
        return find(tenant, key, version).map(d -> {
            try (InputStream in = repository.getResourceAsStream(d.getDeploymentId(), d.getResourceName())) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("reading " + d.getResourceName() + " failed", e);
            }
        });
    }

    /** The tenant's deployments and the shared ones, newest first. */
    public List<Deployment> deployments(String tenant, int limit) {
        return repository.createDeploymentQuery().tenantIdIn(tenant).includeDeploymentsWithoutTenantId()
                .orderByDeploymentTime().desc().listPage(0, limit).stream().map(this::view).toList();
    }

    public Optional<Deployment> deployment(String id) {
        return Optional.ofNullable(repository.createDeploymentQuery().deploymentId(id).singleResult()).map(this::view);
    }

    private Optional<ResourceDefinition> find(String tenant, String key, Integer version) {
        for (String t : new String[] {tenant, null}) {
            var processes = repository.createProcessDefinitionQuery().processDefinitionKey(key);
            var decisions = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key);
            if (t == null) {
                processes.withoutTenantId();
                decisions.withoutTenantId();
            } else {
                processes.tenantIdIn(t);
                decisions.tenantIdIn(t);
            }
            if (version == null) {
                processes.latestVersion();
                decisions.latestVersion();
            } else {
                processes.processDefinitionVersion(version);
                decisions.decisionDefinitionVersion(version);
            }
            ResourceDefinition found = processes.singleResult();
            if (found == null) {
                found = decisions.singleResult();
            }
            if (found != null) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    Definition view(ProcessDefinition d, Date deployedAt) {
        return new Definition("bpmn", d.getId(), d.getKey(), d.getName(), d.getVersion(), d.getTenantId(),
                d.getDeploymentId(), deployedAt(d.getDeploymentId(), deployedAt), d.getResourceName(),
                runtime.createProcessInstanceQuery().processDefinitionId(d.getId()).count());
    }

    Definition view(DecisionDefinition d, Date deployedAt) {
        return new Definition("dmn", d.getId(), d.getKey(), d.getName(), d.getVersion(), d.getTenantId(),
                d.getDeploymentId(), deployedAt(d.getDeploymentId(), deployedAt), d.getResourceName(), 0);
    }

    private Instant deployedAt(String deploymentId, Date known) {
        if (known != null) {
            return known.toInstant();
        }
        var d = repository.createDeploymentQuery().deploymentId(deploymentId).singleResult();
        return d == null || d.getDeploymentTime() == null ? null : d.getDeploymentTime().toInstant();
    }

    private Deployment view(org.camunda.bpm.engine.repository.Deployment d) {
        return new Deployment(d.getId(), d.getName(), d.getTenantId(),
                d.getDeploymentTime() == null ? null : d.getDeploymentTime().toInstant(), deployedBy(d.getId()),
                d.getSource(), repository.getDeploymentResourceNames(d.getId()));
    }

    /** The user the engine's operation log recorded for the deployment's creation. */
    private String deployedBy(String deploymentId) {
        return history.createUserOperationLogQuery().deploymentId(deploymentId)
                .operationType(UserOperationLogEntry.OPERATION_TYPE_CREATE).listPage(0, 1).stream()
                .map(UserOperationLogEntry::getUserId).findFirst().orElse(null);
    }
}
