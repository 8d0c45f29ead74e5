package io.switchboard.workflow;

import io.switchboard.security.Roles;
import io.switchboard.security.UserStore;
import io.switchboard.workflow.org.OrgDirectory;
import io.switchboard.workflow.org.OrgUnit;

import java.util.Set;

/**
 * A tenant of its own per test with this org tree (usernames carry the tenant's suffix):
 * <pre>
 * company (ceo)
 * ├── sales (head)
 * │   └── frontline (mgr): lead1, lead2 (lead), agent1, agent2
 * └── support (supporthead)
 *     └── tier2 (t2mgr): t2a, t2b
 * </pre>
 */
public record TestOrg(String tenant, String suffix) {

    public static final String PASSWORD = "pw-org";

    public static TestOrg create(OrgDirectory org, UserStore users) {
        String suffix = Long.toString(System.nanoTime(), 36);
        TestOrg o = new TestOrg("wf-" + suffix, suffix);
        org.saveUnit(new OrgUnit(o.tenant, "company", "Company", null, o.user("ceo")));
        org.saveUnit(new OrgUnit(o.tenant, "sales", "Sales", "company", o.user("head")));
        org.saveUnit(new OrgUnit(o.tenant, "frontline", "Frontline", "sales", o.user("mgr")));
        org.saveUnit(new OrgUnit(o.tenant, "support", "Support", "company", o.user("supporthead")));
        org.saveUnit(new OrgUnit(o.tenant, "tier2", "Tier 2", "support", o.user("t2mgr")));
        org.saveMember(o.tenant, "frontline", o.user("lead1"), OrgDirectory.LEAD);
        org.saveMember(o.tenant, "frontline", o.user("lead2"), OrgDirectory.LEAD);
        org.saveMember(o.tenant, "frontline", o.user("agent1"), OrgDirectory.MEMBER);
        org.saveMember(o.tenant, "frontline", o.user("agent2"), OrgDirectory.MEMBER);
        org.saveMember(o.tenant, "tier2", o.user("t2a"), OrgDirectory.MEMBER);
        org.saveMember(o.tenant, "tier2", o.user("t2b"), OrgDirectory.MEMBER);
        for (String u : new String[]{"lead1", "lead2", "agent1", "agent2", "t2a", "t2b", "mgr", "head", "ceo",
                "t2mgr", "supporthead"}) {
            users.save(o.user(u), PASSWORD, Set.of(Roles.AGENT), null, Set.of(), o.tenant);
        }
        users.save(o.user("super"), PASSWORD, Set.of(Roles.SUPERVISOR), null, Set.of(), o.tenant);
        return o;
    }

    public String user(String name) {
        return name + "-" + suffix;
    }
}
