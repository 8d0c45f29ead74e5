package io.switchboard.wallboard;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Friendly addresses for the wallboard. The Web Bundler renders {@code web/wallboard.html} at
 * build time and serves it under its file name only, so {@code /wallboard} is rerouted to it
 * (the address bar keeps the short form) and the bare root sends visitors there.
 */
@ApplicationScoped
public class WallboardRoutes {

    static final String PAGE = "/wallboard";

    void routes(@Observes Router router) {
        router.get(PAGE).handler(rc -> rc.reroute(PAGE + ".html"));
        router.get("/").handler(rc -> rc.redirect(PAGE));
    }
}
