package io.switchboard.demo;

import io.quarkus.runtime.StartupEvent;
import io.switchboard.agents.Agent;
import io.switchboard.agents.AgentRoster;
import io.switchboard.pbx.AgentEndpoint;
import io.switchboard.pbx.PbxConfig;
import io.quarkus.runtime.LaunchMode;
import io.switchboard.security.DemoCredentials;
import io.switchboard.security.SecurityConfig;
import io.switchboard.security.Roles;
import io.switchboard.security.UserStore;
import io.switchboard.workflow.org.OrgDirectory;
import io.switchboard.workflow.org.OrgUnit;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Demo agents matching the simulators' queue members (Asterisk {@code Local/agentN@agents/n}, whose
 * dialplan rings the phone {@code PJSIP/agentN}; mod_callcenter agents {@code 100N}), a supervisor and an admin, so the desktop works on a
 * fresh machine. Only with the simulator, created again at start when one is missing, and never
 * when demo credentials are refused (the prod profile). Dev mode prints them at every start.
 */
@ApplicationScoped
public class DemoAgents {

    private static final Logger LOG = Logger.getLogger(DemoAgents.class);
    public static final List<String> QUEUES = List.of("support");

    @Inject
    SimulatorConfig simulator;
    @Inject
    PbxConfig pbx;
    @Inject
    UserStore users;
    @Inject
    AgentRoster roster;
    @Inject
    OrgDirectory org;
    @Inject
    SecurityConfig hardening;
    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int httpPort;

    /** After the migrations, before agents' state is restored. */
    void seed(@Observes @Priority(105) StartupEvent ev) {
        if (!simulator.enabled() || !simulator.demoAgents()) {
            return;
        }
        if (hardening.refuseDemoCredentials()) {
            // their passwords are public: outside dev mode and tests they would be refused anyway
            LOG.warn("demo users not created: switchboard.security.refuse-demo-credentials is on");
            return;
        }
        // any missing, not "no users at all": a run that saved users of its own first (another test
        // profile on a fresh database) must not leave dev mode and tests without their demo logins
        if (DemoCredentials.USERS.stream().anyMatch(u -> users.find(u.username()).isEmpty())) {
            for (int n = 1; n <= 4; n++) {
                String name = "agent" + n;
                roster.save(new Agent(name, "Agent " + n, "demo", List.of("billing", "support"), QUEUES,
                        endpoints(name, String.valueOf(1000 + n))));
                users.save(name, DemoCredentials.password(name), Set.of(Roles.AGENT), name, Set.of(), "demo");
            }
            roster.save(new Agent("super1", "Supervisor One", "demo", List.of(), List.of(), endpoints("super1", "1009")));
            users.save("supervisor", DemoCredentials.password("supervisor"), Set.of(Roles.SUPERVISOR), "super1",
                    Set.copyOf(QUEUES), "demo");
            users.save("admin", DemoCredentials.password("admin"), Set.of(Roles.ADMIN), null, Set.of(), "demo");
            seedOrg();
        }
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            LOG.info(DemoBanner.text(httpPort));
        }
    }

    /** Who works the demo's tickets (docs/workflow.md): agent1 leads the frontline, the supervisor manages. */
    private void seedOrg() {
        org.saveUnit(new OrgUnit("demo", "company", "Demo company", null, "admin"));
        org.saveUnit(new OrgUnit("demo", "frontline", "Frontline", "company", "supervisor"));
        org.saveUnit(new OrgUnit("demo", "tier2", "Tier 2", "company", "supervisor"));
        org.saveMember("demo", "frontline", "agent1", OrgDirectory.LEAD);
        org.saveMember("demo", "frontline", "agent2", OrgDirectory.MEMBER);
        org.saveMember("demo", "tier2", "agent3", OrgDirectory.MEMBER);
        org.saveMember("demo", "tier2", "agent4", OrgDirectory.MEMBER);
    }

    private Map<String, AgentEndpoint> endpoints(String asteriskName, String freeswitchName) {
        Map<String, AgentEndpoint> out = new LinkedHashMap<>();
        pbx.nodes().forEach((node, cfg) -> {
            switch (cfg.type().toLowerCase(java.util.Locale.ROOT)) {
                case "asterisk" -> out.put(node, new AgentEndpoint(node, "Local/" + asteriskName + "@agents/n",
                        "PJSIP/" + asteriskName, asteriskName));
                case "freeswitch" -> out.put(node, new AgentEndpoint(node, freeswitchName, "user/" + freeswitchName,
                        freeswitchName));
                default -> {
                }
            }
        });
        return out;
    }
}
