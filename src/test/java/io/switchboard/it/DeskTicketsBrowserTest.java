package io.switchboard.it;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.agents.Agent;
import io.switchboard.agents.AgentPresence;
import io.switchboard.agents.AgentRoster;
import io.switchboard.pbx.AgentEndpoint;
import io.switchboard.security.Roles;
import io.switchboard.security.UserStore;
import io.switchboard.workflow.org.OrgDirectory;
import io.switchboard.workflow.org.OrgUnit;
import io.switchboard.workflow.tickets.Ticket;
import io.switchboard.workflow.tickets.TicketFilter;
import io.switchboard.workflow.tickets.TicketStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The desktop's ticket panel in Chromium: an agent (lead of its unit) opens a discount ticket,
 * finds the approval among its todos and approves it; the ticket ends approved.
 */
@QuarkusTest
class DeskTicketsBrowserTest {

    @Inject
    AgentRoster roster;
    @Inject
    AgentPresence presence;
    @Inject
    UserStore users;
    @Inject
    OrgDirectory org;
    @Inject
    TicketStore tickets;

    @TestHTTPResource("/agent")
    URL page;

    @Test
    void anAgentCreatesADiscountTicketAndApprovesItFromItsTodos() throws Exception {
        String suffix = Long.toString(System.nanoTime(), 36);
        String tenant = "desk-" + suffix;
        String id = "dt" + suffix;
        Agent agent = new Agent(id, "Tia Ticket", tenant, List.of(), List.of("support"),
                Map.of("sim", new AgentEndpoint("sim", "Local/" + id + "@agents/n", "PJSIP/" + id, id)));
        roster.save(agent);
        presence.defined(agent);
        users.save(id, "pw-" + id, Set.of(Roles.AGENT), id, Set.of(), tenant);
        org.saveUnit(new OrgUnit(tenant, "frontline", "Frontline", null, null));
        org.saveMember(tenant, "frontline", id, OrgDirectory.LEAD);

        try (HeadlessChromium chromium = HeadlessChromium.start(1440, 900)) {
            DeskPage desk = new DeskPage(chromium);
            desk.open(page.toString());
            desk.signInLive(id, "pw-" + id);
            desk.await("the ticket panel", p -> p.path("buttons").has("Create ticket"));
            desk.evaluate("""
                    (() => { const s = document.querySelector('[aria-label="Ticket kind"]');
                      s.value = 'discount'; s.dispatchEvent(new Event('change')); })()""");
            desk.await("the amount field", p -> desk.evaluate(
                    "!!document.querySelector('[aria-label=\"Discount amount\"]')").asBoolean());
            desk.fill("Ticket subject", "Loyalty discount");
            desk.fill("Discount amount", "120.50");
            desk.click("Create ticket");
            desk.await("the ticket opened and its approval among the todos", p -> p.path("buttons").has("Approve"));
            assertThat(desk.probe().path("alerts").toString()).isEqualTo("[]");

            List<Ticket> mine = tickets.list(new TicketFilter(tenant, null, null, null, null, id, 0, 10));
            assertThat(mine).singleElement().satisfies(t -> {
                assertThat(t.subject()).isEqualTo("Loyalty discount");
                assertThat(t.amount()).isEqualByComparingTo("120.50");
                assertThat(t.agentId()).isEqualTo(id);
            });

            desk.click("Approve");
            desk.await("the todo gone", p -> !p.path("buttons").has("Approve")
                    && desk.evaluate("document.querySelector('desk-tickets').textContent").asText().contains("Nothing to do"));
            assertThat(tickets.find(mine.getFirst().id()).orElseThrow().outcome()).isEqualTo("approved");
        }
    }
}
