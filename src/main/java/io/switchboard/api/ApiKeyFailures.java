package io.switchboard.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.AuthenticationFailedException;
import io.switchboard.security.ApiKeyAuthentication;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.List;

/**
 * A refused API key is answered like every other error: 401 with the JSON error body. Refusals
 * happen before a resource is chosen, so {@link ApiExceptionMapper} never sees them; the status and
 * challenge header are already set here. Other refused credentials keep Quarkus' empty 401.
 */
@ApplicationScoped
public class ApiKeyFailures {

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        router.route().failureHandler(this::handle);
    }

    private void handle(RoutingContext rc) {
        if (!(rc.failure() instanceof AuthenticationFailedException) || rc.response().ended()
                || !ApiKeyAuthentication.presentsKey(rc)) {
            rc.next();
            return;
        }
        String body;
        try {
            body = json.writeValueAsString(ErrorResponse.of(401, "Unauthorized",
                    "API key unknown, revoked or expired", List.of()));
        } catch (JsonProcessingException e) {
            rc.next();
            return;
        }
        rc.response().setStatusCode(401).putHeader("Content-Type", "application/json").end(body);
    }
}
