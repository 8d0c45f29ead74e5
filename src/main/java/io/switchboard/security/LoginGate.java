package io.switchboard.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP side of {@link LoginThrottle}, for every way of logging in: a filter ahead of Quarkus'
 * authentication answers 429 to a request carrying credentials (Basic, an API key in either header, the form
 * login's POST) from a locked user name or address, so no mechanism and no identity provider runs;
 * a failure handler turns a refusal raised inside an identity provider (the form login, whose user
 * name is only in its body) into the same 429, and counts failed API-key logins per address.
 */
@ApplicationScoped
public class LoginGate {

    /** Attribute of the {@link AuthenticationFailedException} of a throttled attempt: seconds to wait. */
    static final String RETRY_AFTER = "switchboard.retry-after-seconds";
    private static final String FORM_POST = "/j_security_check";

    @Inject
    LoginThrottle throttle;

    /** Between CORS and authentication: a locked client costs nothing more than this check. */
    void filter(@Observes Filters filters) {
        filters.register(this::beforeAuthentication,
                (SecurityHandlerPriorities.CORS + SecurityHandlerPriorities.AUTHENTICATION) / 2);
    }

    void failures(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::onFailure);
    }

    private void beforeAuthentication(RoutingContext ctx) {
        String user = basicUser(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
        boolean credentials = user != null || ApiKeyAuthentication.presentsKey(ctx) || isFormPost(ctx);
        Optional<Duration> wait = credentials ? throttle.check(user, address(ctx)) : Optional.empty();
        if (wait.isPresent()) {
            refuse(ctx, wait.get());
        } else {
            ctx.next();
        }
    }

    private void onFailure(RoutingContext ctx) {
        AuthenticationFailedException failure = authFailure(ctx);
        if (failure == null) {
            ctx.next();
            return;
        }
        Object retry = failure.getAttributes() == null ? null : failure.getAttributes().get(RETRY_AFTER);
        if (retry instanceof Long seconds) {
            refuse(ctx, Duration.ofSeconds(seconds));
            return;
        }
        // password logins are counted by their identity provider; an API key has none of ours
        if (ApiKeyAuthentication.presentsKey(ctx) && basicUser(ctx.request().getHeader(HttpHeaders.AUTHORIZATION)) == null
                && !isFormPost(ctx)) {
            throttle.failed(null, address(ctx));
        }
        ctx.next();
    }

    /** A refusal for an identity provider to fail with. */
    static AuthenticationFailedException throttled(Duration wait) {
        return new AuthenticationFailedException("too many failed logins",
                Map.of(RETRY_AFTER, retrySeconds(wait)));
    }

    static String address(RoutingContext ctx) {
        if (ctx == null || ctx.request().remoteAddress() == null) {
            return null;
        }
        return ctx.request().remoteAddress().hostAddress();
    }

    private static void refuse(RoutingContext ctx, Duration wait) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        long seconds = retrySeconds(wait);
        JsonObject body = new JsonObject().put("status", 429).put("error", "Too Many Requests")
                .put("message", "too many failed logins; try again in " + seconds + " s").put("details", List.of());
        ctx.response().setStatusCode(429)
                .putHeader("Retry-After", String.valueOf(seconds))
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(body.encode());
    }

    private static long retrySeconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    private static AuthenticationFailedException authFailure(RoutingContext ctx) {
        for (Throwable t = ctx.failure(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuthenticationFailedException a) {
                return a;
            }
        }
        return HttpSecurityUtils.getAuthenticationFailureFromEvent(ctx);
    }

    private static boolean isFormPost(RoutingContext ctx) {
        return ctx.request().method() == HttpMethod.POST && ctx.normalizedPath().endsWith(FORM_POST);
    }

    /** The user name of a Basic authorization header, or null. */
    static String basicUser(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
