package io.switchboard.wallboard;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Friendly addresses for the pages. The Web Bundler renders {@code web/wallboard.html} and
 * {@code web/agent.html} and {@code web/admin.html} at build time and serves them under their file names only, so
 * {@code /wallboard} and {@code /agent} (the agent desktop) and {@code /admin} (the control console) are rerouted to them (the address bar
 * keeps the short form) and the bare root sends visitors to the wallboard.
 */
@ApplicationScoped
public class WallboardRoutes {

    static final String PAGE = "/wallboard";
    static final String AGENT_PAGE = "/agent";
    static final String ADMIN_PAGE = "/admin";

    void routes(@Observes Router router) {
        router.get(PAGE).handler(rc -> rc.reroute(PAGE + ".html"));
        router.get(AGENT_PAGE).handler(rc -> rc.reroute(AGENT_PAGE + ".html"));
        router.get(ADMIN_PAGE).handler(rc -> rc.reroute(ADMIN_PAGE + ".html"));
        router.get("/").handler(rc -> rc.redirect(PAGE));
    }
}
