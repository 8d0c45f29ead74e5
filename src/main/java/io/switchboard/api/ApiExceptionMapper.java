package io.switchboard.api;

import io.switchboard.pbx.UnsafePbxValueException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** The one place where exceptions become HTTP errors with a JSON body. */
public class ApiExceptionMapper {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return build(e.status(), e.getMessage(), e.details());
    }

    @ServerExceptionMapper
    public Response cti(io.switchboard.cti.CtiRefusal e) {
        return build(e.status(), e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response workflow(io.switchboard.workflow.WorkflowRefusal e) {
        return build(e.status(), e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        return build(403, "not allowed for this user's roles", List.of());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<String> details = e.getConstraintViolations().stream()
                .map(v -> lastNode(v.getPropertyPath().toString()) + ": " + v.getMessage()).sorted().toList();
        return build(400, "invalid request", details);
    }

    @ServerExceptionMapper
    public Response policy(io.switchboard.routing.RoutingService.InvalidPolicyException e) {
        return build(400, "routing policy not valid", e.problems());
    }

    @ServerExceptionMapper
    public Response workflow(io.switchboard.workflow.deploy.WorkflowRejected e) {
        return build(e.status(), e.getMessage(), e.problems());
    }

    @ServerExceptionMapper
    public Response unsafe(UnsafePbxValueException e) {
        return build(400, e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response badArgument(IllegalArgumentException e) {
        return build(400, e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return build(status, e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unhandled error", e);
        return build(500, "internal error", List.of());
    }

    private static Response build(int status, String message, List<String> details) {
        Response.Status s = Response.Status.fromStatusCode(status);
        String error = s != null ? s.getReasonPhrase() : "Error";
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(ErrorResponse.of(status, error, message, details)).build();
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
