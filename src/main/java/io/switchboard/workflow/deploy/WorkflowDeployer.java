package io.switchboard.workflow.deploy;

import io.switchboard.workflow.deploy.WorkflowViews.Deployed;
import io.switchboard.workflow.deploy.WorkflowViews.Definition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.jboss.logging.Logger;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Deploys BPMN and DMN files for a tenant at runtime and removes unused deployments. The engine
 * versions each process or decision key per tenant; running instances stay on the version they
 * started with. Unchanged files are filtered (no new version). The user is made the engine's
 * authenticated user for the call, so its user operation log keeps who deployed and removed what.
 * Blocking: call from worker threads.
 */
@ApplicationScoped
public class WorkflowDeployer {

    /** The {@code source} of deployments made through the API. */
    public static final String SOURCE = "switchboard-api";
    private static final Logger LOG = Logger.getLogger(WorkflowDeployer.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}");

    @Inject
    RepositoryService repository;
    @Inject
    RuntimeService runtime;
    @Inject
    IdentityService identity;
    @Inject
    WorkflowCatalog catalog;
    @Inject
    WorkflowDeployConfig config;

    /** Checks and deploys the files as one deployment named {@code name} for {@code tenant}. */
    public Deployed deploy(String tenant, String user, String name, List<WorkflowFile> files) {
        Objects.requireNonNull(tenant, "tenant");
        check(name, files);
        DeploymentBuilder builder = repository.createDeployment().name(name).tenantId(tenant).source(SOURCE)
                .enableDuplicateFiltering(true);
        files.forEach(f -> builder.addInputStream(f.name(), new ByteArrayInputStream(f.content())));
        DeploymentWithDefinitions result = as(user, tenant, () -> {
            try {
                return builder.deployWithResult();
            } catch (ParseException e) {
                throw new WorkflowRejected(400, "the model has errors", problems(e));
            } catch (ProcessEngineException e) {
                // DMN transform errors and other refusals carry no position, only the engine's message
                throw new WorkflowRejected(400, "the model was not accepted", causes(e));
            }
        });
        List<Definition> made = new ArrayList<>();
        if (result.getDeployedProcessDefinitions() != null) {
            result.getDeployedProcessDefinitions().forEach(d -> made.add(catalog.view(d, result.getDeploymentTime())));
        }
        if (result.getDeployedDecisionDefinitions() != null) {
            result.getDeployedDecisionDefinitions().forEach(d -> made.add(catalog.view(d, result.getDeploymentTime())));
        }
        LOG.infof("workflow deployment %s (%s) for tenant %s by %s: %d new definition(s)", result.getId(), name,
                tenant, user, made.size());
        return new Deployed(catalog.deployment(result.getId()).orElseThrow(), made.isEmpty(), made);
    }

    /** Removes a deployment of the tenant's that no running instance uses; shared ones are not the API's. */
    public void delete(String tenant, String user, String deploymentId) {
        var deployment = repository.createDeploymentQuery().deploymentId(deploymentId).singleResult();
        if (deployment == null || !tenant.equals(deployment.getTenantId())) {
            throw new WorkflowRejected(404, "no deployment " + deploymentId + " of tenant " + tenant, List.of());
        }
        long running = runtime.createProcessInstanceQuery().deploymentId(deploymentId).count();
        if (running > 0) {
            throw new WorkflowRejected(409, "deployment " + deploymentId + " has " + running
                    + " running instance(s): it can be removed when they have ended", List.of());
        }
        as(user, tenant, () -> {
            repository.deleteDeployment(deploymentId, false);
            return null;
        });
        LOG.infof("workflow deployment %s removed for tenant %s by %s", deploymentId, tenant, user);
    }

    private void check(String name, List<WorkflowFile> files) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw WorkflowRejected.invalid("deployment name: 1 to 64 letters, digits, spaces, '.', '_' or '-'");
        }
        if (files.isEmpty()) {
            throw WorkflowRejected.invalid("no BPMN or DMN file in the request");
        }
        if (files.size() > config.maxFiles()) {
            throw WorkflowRejected.invalid("at most " + config.maxFiles() + " files per deployment");
        }
        Set<String> names = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (WorkflowFile f : files) {
            if (!names.add(f.name())) {
                throw WorkflowRejected.invalid("file " + f.name() + " is in the request twice");
            }
            if (f.content().length > config.maxFileSize()) {
                throw new WorkflowRejected(413, f.name() + " is larger than " + config.maxFileSize() + " bytes",
                        List.of());
            }
            XmlGuard.problem(f).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new WorkflowRejected(400, "the model is not acceptable XML", problems);
        }
    }

    /** Every error of every file with its position, as the engine's parser reported them. */
    static List<String> problems(ParseException e) {
        List<String> out = new ArrayList<>();
        e.getResorceReports().forEach(report -> report.getErrors().forEach(p -> out.add(report.getResourceName()
                + (p.getLine() > 0 ? " line " + p.getLine() + ", column " + p.getColumn() : "")
                + (p.getMainElementId() != null ? " (" + p.getMainElementId() + ")" : "") + ": " + p.getMessage())));
        if (out.isEmpty()) {
            out.add(e.getMessage());
        }
        return out;
    }

    /** The engine wraps the reason (e.g. a DMN table's missing history time to live): each cause's first line. */
    static List<String> causes(Throwable e) {
        List<String> out = new ArrayList<>();
        for (Throwable t = e; t != null && out.size() < 5; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().lines().findFirst().orElse("");
            if (out.stream().noneMatch(o -> o.contains(m))) {
                out.add(m);
            }
        }
        return out;
    }

    private <T> T as(String user, String tenant, Supplier<T> work) {
        identity.setAuthentication(user, List.of(), List.of(tenant));
        try {
            return work.get();
        } finally {
            identity.clearAuthentication();
        }
    }
}
