package io.switchboard.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.security.Actor;
import io.switchboard.security.Roles;
import io.switchboard.workflow.deploy.WorkflowCatalog;
import io.switchboard.workflow.deploy.WorkflowDeployer;
import io.switchboard.workflow.deploy.WorkflowFile;
import io.switchboard.workflow.deploy.WorkflowViews.Definition;
import io.switchboard.workflow.deploy.WorkflowViews.Deployed;
import io.switchboard.workflow.deploy.WorkflowViews.Deployment;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * BPMN processes and DMN decisions deployed at runtime, per tenant (the caller's own), versioned
 * by the engine. Admins deploy and remove; supervisors read. A deployment is one file as the body
 * ({@code ?name=approval.bpmn}) or several as multipart parts named {@code file}.
 */
@Path("/api/v1/workflows")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
@Blocking
public class WorkflowsResource {

    @Inject
    SecurityIdentity identity;
    @Inject
    WorkflowDeployer deployer;
    @Inject
    WorkflowCatalog catalog;
    @Inject
    AuditedChanges audited;

    /** Every version of the processes and decisions of the caller's tenant and the shared ones. */
    @GET
    public List<Definition> list() {
        return catalog.definitions(tenant());
    }

    /** The XML of a version (the latest when none is given): the tenant's own first, else the shared one. */
    @GET
    @Path("/{key}/xml")
    @Produces(MediaType.APPLICATION_XML)
    public String xml(@PathParam("key") String key, @QueryParam("version") @Min(1) Integer version) {
        return catalog.xml(tenant(), key, version).orElseThrow(() -> ApiException.notFound("no workflow " + key
                + (version == null ? "" : " version " + version)));
    }

    @GET
    @Path("/deployments")
    public List<Deployment> deployments(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return catalog.deployments(tenant(), limit);
    }

    /** One file as the body; {@code name} is its file name (ending .bpmn or .dmn), also the deployment's name. */
    @POST
    @Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML, MediaType.APPLICATION_OCTET_STREAM, MediaType.TEXT_PLAIN})
    @RolesAllowed(Roles.ADMIN)
    public Deployed deploy(@QueryParam("name") String name, byte[] body) {
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("name: the file name, e.g. ?name=approval.bpmn");
        }
        WorkflowFile file = new WorkflowFile(name, body == null ? new byte[0] : body);
        return deploy(baseName(name), List.of(file));
    }

    /** Several files (parts named {@code file}); {@code name} (form or query) names the deployment. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Roles.ADMIN)
    public Deployed deployFiles(@RestForm("file") List<FileUpload> uploads, @RestForm("name") String formName,
                                @QueryParam("name") String queryName) {
        List<WorkflowFile> files = new ArrayList<>();
        for (FileUpload u : uploads == null ? List.<FileUpload>of() : uploads) {
            try {
                files.add(new WorkflowFile(u.fileName(), Files.readAllBytes(u.uploadedFile())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String name = formName != null ? formName : queryName != null ? queryName
                : files.isEmpty() ? null : baseName(files.get(0).name());
        return deploy(name, files);
    }

    private Deployed deploy(String name, List<WorkflowFile> files) {
        return audited.run(Actor.of(identity), "workflow.deploy", "workflow-deployment", name, null,
                () -> deployer.deploy(tenant(), user(), name, files), AuditSnapshots::workflow);
    }

    /** Removes a deployment of the caller's tenant; 409 while a running instance uses it. */
    @DELETE
    @Path("/deployments/{id}")
    @RolesAllowed(Roles.ADMIN)
    public void delete(@PathParam("id") String id) {
        Deployment before = catalog.deployment(id).filter(d -> tenant().equals(d.tenant())).orElse(null);
        audited.run(Actor.of(identity), "workflow.delete", "workflow-deployment", id, AuditSnapshots.workflow(before),
                () -> deployer.delete(tenant(), user(), id));
    }

    private static String baseName(String file) {
        int dot = file.indexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    private String tenant() {
        return Actor.of(identity).tenant();
    }

    private String user() {
        return identity.getPrincipal().getName();
    }
}
