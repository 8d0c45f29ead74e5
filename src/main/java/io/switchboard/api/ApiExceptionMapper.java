package io.switchboard.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
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
        return build(400, "invalid request: " + String.join("; ", details), details);
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

    /** Wrong types and shapes in a JSON body (a string for a number, an array for an object). */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        String field = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("body");
        String expected = e.getTargetType() == null ? "another type" : e.getTargetType().getSimpleName();
        // the offending value is not echoed: it may be anything the client sent, a password included
        return build(400, "malformed request body: " + field + " must be " + article(expected) + expected,
                location(e));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return build(400, "malformed request body: not valid JSON", location(e));
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

    private static List<String> location(JsonProcessingException e) {
        return e.getLocation() == null ? List.of()
                : List.of("line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
    }

    private static String article(String type) {
        return "AEIOUaeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ";
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
