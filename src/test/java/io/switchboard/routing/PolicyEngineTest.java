package io.switchboard.routing;

import io.switchboard.agents.Agent;
import io.switchboard.routing.LoadSnapshot.NodeLoad;
import io.switchboard.routing.LoadSnapshot.QueueLoad;
import io.switchboard.routing.RouteDecision.Outcome;
import io.switchboard.routing.RoutingPolicy.Match;
import io.switchboard.routing.RoutingPolicy.QueuePolicy;
import io.switchboard.routing.RoutingPolicy.Rule;
import io.switchboard.routing.RoutingPolicy.TenantPolicy;
import io.switchboard.routing.RoutingPolicy.Thresholds;
import io.switchboard.screenpop.Customer;
import io.switchboard.screenpop.QueueTenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decisions of each strategy and of the degradation levels, from load figures with known answers. */
class PolicyEngineTest {

    private static final Map<String, Destination> DIVERTS = Map.of(
            "smart-ivr", new Destination("smart-ivr", "s"),
            "chat", new Destination("chat-offer", "s"),
            "announcement", new Destination("announcement", "s"));
    private static final TenantPolicy TENANT = new TenantPolicy(new Thresholds(10, null, null, null),
            new Thresholds(20, null, null, null), new Thresholds(30, null, null, null), 0.7, 30, "smart-ivr",
            "announcement");
    private static final Map<String, RoutingStrategy> STRATEGIES = Map.of(
            "skills", new SkillsStrategy(), "vip", new VipStrategy(), "least-loaded-queue",
            new LeastLoadedQueueStrategy(), "least-loaded-node", new LeastLoadedNodeStrategy(), "time-of-day",
            new TimeOfDayStrategy());
    // Monday 2026-11-23 10:30 UTC
    private static final Clock MONDAY_MORNING = Clock.fixed(Instant.parse("2026-11-23T10:30:00Z"), ZoneOffset.UTC);

    private final PolicyEngine engine = new PolicyEngine(STRATEGIES,
            new QueueTenants("default", Map.of("billing", "acme", "billing-vip", "acme")), "queues");

    private static RouteRequest call(String node, String caller, Map<String, String> vars) {
        return new RouteRequest(node, "asterisk", "c1", "PJSIP/trunk-1", caller, "Caller", "4000", "route",
                List.of(), vars, Instant.EPOCH);
    }

    private static RoutingPolicy policy(List<Rule> rules, Map<String, QueuePolicy> queues) {
        return new RoutingPolicy("support", rules, Map.of("*", TENANT), queues, DIVERTS);
    }

    private static LoadSnapshot load(List<QueueLoad> queues, List<NodeLoad> nodes) {
        return new LoadSnapshot(Instant.EPOCH, nodes, queues, List.of(), LoadSnapshot.empty(Instant.EPOCH).overall());
    }

    private static Agent agent(String id, List<String> skills, List<String> queues) {
        return new Agent(id, id, "default", skills, queues, Map.of());
    }

    private RouteDecision decide(RoutingPolicy p, RouteRequest r, Customer customer, LoadSnapshot load,
                                 List<Agent> agents, int level, Clock clock) {
        RoutingContext ctx = new RoutingContext("default", customer, load, agents, new NodeGroups(), clock);
        return engine.decide(r, p, ctx, t -> level);
    }

    private RouteDecision decide(RoutingPolicy p, RouteRequest r, LoadSnapshot load, int level) {
        return decide(p, r, null, load, List.of(), level, MONDAY_MORNING);
    }

    @Test
    void noRuleMeansDefaultQueue() {
        RouteDecision d = decide(policy(List.of(), Map.of()), call("a", "100", Map.of()), LoadSnapshot.empty(Instant.EPOCH), 0);
        assertEquals(Outcome.QUEUE, d.outcome());
        assertEquals("support", d.queue());
        assertEquals("queues,support,1", d.destination().asterisk());
        assertEquals("support XML queues", d.destination().freeswitch());
        assertEquals("QUEUE", d.variables().get(PolicyEngine.VAR_OUTCOME));
        assertEquals("0", d.variables().get(PolicyEngine.VAR_LEVEL));
    }

    @Test
    void skillsPickTheQueueWithSkilledAgentsAvailable() {
        Rule rule = new Rule("skills", null, "skills", List.of("sales", "loans", "support"),
                Map.of("skill.loan", "lending"));
        List<Agent> agents = List.of(agent("a1", List.of("lending"), List.of("loans")),
                agent("a2", List.of("lending"), List.of("sales")), agent("a3", List.of("english"), List.of("support")));
        LoadSnapshot load = load(List.of(new QueueLoad("loans", "default", 0, 0, 1, 1, 2),
                new QueueLoad("sales", "default", 0, 0, 0, 3, 3), new QueueLoad("support", "default", 0, 0, 0, 9, 9)), List.of());
        RouteDecision d = decide(policy(List.of(rule), Map.of()), call("a", "1", Map.of("CALL_TYPE", "loan")), null,
                load, agents, 0, MONDAY_MORNING);
        assertEquals("sales", d.queue(), "both have lending agents; sales has more available");
        assertEquals("lending", d.variables().get("SB_SKILL"));

        RouteDecision none = decide(policy(List.of(rule), Map.of()), call("a", "1", Map.of("CALL_TYPE", "mortgage")),
                null, load, agents, 0, MONDAY_MORNING);
        assertEquals("support", none.queue(), "nobody has the skill: the default queue");
        assertEquals("default", none.strategy());
    }

    @Test
    void vipCustomersGetTheirQueueAndPriority() {
        Rule rule = new Rule("vip", null, "vip", List.of("vip"), Map.of("priority", "7", "segments", "gold"));
        Customer vip = new Customer("42", "Big Spender", "standard", true, "A1", "en", null, Map.of());
        Customer gold = new Customer("43", "Gold", "gold", false, "A2", "en", null, Map.of());
        Customer plain = new Customer("44", "Plain", "standard", false, "A3", "en", null, Map.of());
        RoutingPolicy p = policy(List.of(rule), Map.of());
        LoadSnapshot empty = LoadSnapshot.empty(Instant.EPOCH);
        RouteDecision d = decide(p, call("a", "1", Map.of()), vip, empty, List.of(), 0, MONDAY_MORNING);
        assertEquals("vip", d.queue());
        assertEquals("7", d.variables().get("QUEUE_PRIO"));
        assertEquals("700", d.variables().get("cc_base_score"));
        assertEquals("vip", decide(p, call("a", "1", Map.of()), gold, empty, List.of(), 0, MONDAY_MORNING).queue());
        assertEquals("support", decide(p, call("a", "1", Map.of()), plain, empty, List.of(), 0, MONDAY_MORNING).queue());
        assertEquals("support", decide(p, call("a", "1", Map.of()), null, empty, List.of(), 0, MONDAY_MORNING).queue());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // case, q1 waiting, q1 available, q1 logged in, q2 waiting, q2 available, q2 logged in, expected
            "fewer waiting per agent wins,   6, 2, 2,   1, 1, 1,   q2",
            "more agents absorb more waits,  4, 4, 4,   2, 1, 1,   q1",
            "unstaffed queue is avoided,     9, 0, 1,   0, 0, 0,   q1",
            "all unstaffed: least waiting,   3, 0, 0,   1, 0, 0,   q2",
    })
    void leastLoadedQueue(String name, int w1, int a1, int l1, int w2, int a2, int l2, String expected) {
        Rule rule = new Rule("spread", null, "least-loaded-queue", List.of("q1", "q2"), Map.of());
        LoadSnapshot load = load(List.of(new QueueLoad("q1", "default", w1, w1 * 1000L, 0, a1, l1),
                new QueueLoad("q2", "default", w2, w2 * 1000L, 0, a2, l2)), List.of());
        assertEquals(expected, decide(policy(List.of(rule), Map.of()), call("a", "1", Map.of()), load, 0).queue(), name);
    }

    @Test
    void leastLoadedNodeSendsCallsToTheQuieterNode() {
        Rule rule = new Rule("balance", null, "least-loaded-node", List.of(),
                Map.of("nodes", "a,b", "via.b", "to-node-b,${EXTEN}", "via.a", "to-node-a,s"));
        RoutingPolicy p = policy(List.of(rule), Map.of());
        LoadSnapshot busyA = load(List.of(), List.of(new NodeLoad("a", "asterisk", true, 90, 100, 0, 0, 0, 0, 0),
                new NodeLoad("b", "asterisk", true, 20, 100, 0, 0, 0, 0, 0)));
        RouteDecision d = decide(p, call("a", "1", Map.of()), busyA, 0);
        assertEquals(Outcome.NODE, d.outcome());
        assertEquals("to-node-b", d.destination().context());
        assertEquals("b", d.variables().get("SB_ROUTE_NODE"));

        LoadSnapshot close = load(List.of(), List.of(new NodeLoad("a", "asterisk", true, 50, 100, 0, 0, 0, 0, 0),
                new NodeLoad("b", "asterisk", true, 45, 100, 0, 0, 0, 0, 0)));
        assertEquals(Outcome.QUEUE, decide(p, call("a", "1", Map.of()), close, 0).outcome(),
                "within the margin the call stays where it is");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "weekday in hours,    2026-11-23T10:30:00Z, day",
            "weekday after hours, 2026-11-23T21:00:00Z, night",
            "saturday,            2026-11-28T10:30:00Z, night",
            "holiday,             2026-12-25T10:30:00Z, night",
            "opening minute,      2026-11-24T08:00:00Z, day",
            "closing minute,      2026-11-24T20:00:00Z, night",
    })
    void timeOfDay(String name, String at, String expected) {
        Rule rule = new Rule("hours", null, "time-of-day", List.of(), Map.of("zone", "UTC", "open", "08:00-20:00",
                "days", "MON-FRI", "holidays", "2026-12-25", "open-queue", "day", "closed-queue", "night"));
        Clock clock = Clock.fixed(Instant.parse(at), ZoneOffset.UTC);
        RouteDecision d = decide(policy(List.of(rule), Map.of()), call("a", "1", Map.of()), null,
                LoadSnapshot.empty(Instant.EPOCH), List.of(), 0, clock);
        assertEquals(expected, d.queue(), name);
    }

    @Test
    void closedHoursCanGoToADialplanPlace() {
        Rule rule = new Rule("hours", null, "time-of-day", List.of(), Map.of("open", "08:00-20:00",
                "closed", "closed,s"));
        RouteDecision d = decide(policy(List.of(rule), Map.of()), call("a", "1", Map.of()), null,
                LoadSnapshot.empty(Instant.EPOCH), List.of(), 0, Clock.fixed(Instant.parse("2026-11-23T23:00:00Z"),
                        ZoneOffset.UTC));
        assertEquals(Outcome.EXTENSION, d.outcome());
        assertEquals("closed,s,1", d.destination().asterisk());
        assertNull(d.queue());
    }

    @Test
    void rulesApplyOnlyToMatchingCalls() {
        Rule billing = new Rule("billing", new Match(null, null, null, "billing", null, null), "least-loaded-queue",
                List.of("billing"), Map.of());
        Rule discount = new Rule("discount", new Match(null, null, null, null, "discount request", null),
                "least-loaded-queue", List.of("retention"), Map.of());
        RoutingPolicy p = policy(List.of(billing, discount), Map.of());
        LoadSnapshot e = LoadSnapshot.empty(Instant.EPOCH);
        assertEquals("billing", decide(p, call("a", "1", Map.of("CALL_TYPE", "billing")), e, 0).queue());
        assertEquals("retention", decide(p, call("a", "1", Map.of("IVR_INTENT", "discount request")), e, 0).queue());
        assertEquals("support", decide(p, call("a", "1", Map.of("CALL_TYPE", "other")), e, 0).queue());
        assertEquals("acme", decide(p, call("a", "1", Map.of("CALL_TYPE", "billing")), e, 0).tenant(),
                "the queue's tenant");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // case, level, vip, queue waiting, expected outcome, expected place
            "L0 busy queue stays,            0, false, 9, QUEUE,  queues",
            "L1 queue below overflow,        1, false, 2, QUEUE,  queues",
            "L1 queue past overflow,         1, false, 5, DIVERT, chat-offer",
            "L1 VIP past overflow stays,     1, true,  5, QUEUE,  queues",
            "L2 regular caller self-service, 2, false, 0, DIVERT, smart-ivr",
            "L2 VIP stays in queue,          2, true,  0, QUEUE,  queues",
            "L3 everyone announced,          3, true,  0, DIVERT, announcement",
    })
    void degradationLevels(String name, int level, boolean vip, int waiting, Outcome outcome, String context) {
        Customer customer = vip ? new Customer("1", "V", "standard", true, null, null, null, Map.of()) : null;
        LoadSnapshot load = load(List.of(new QueueLoad("support", "default", waiting, 1000, 0, 0, 1)), List.of());
        RoutingPolicy p = policy(List.of(), Map.of("support", new QueuePolicy(5, 60, "chat")));
        RouteDecision d = decide(p, call("a", "1", Map.of()), customer, load, List.of(), level, MONDAY_MORNING);
        assertEquals(outcome, d.outcome(), name);
        assertEquals(context, d.destination().context(), name);
        assertEquals(level, d.level());
        assertEquals("support", d.queue(), "the queue meant is kept for reports");
        if (outcome == Outcome.DIVERT) {
            assertEquals("traffic-control", d.strategy());
            assertTrue(d.reason().startsWith("level " + level), d.reason());
        }
    }

    @Test
    void overflowByLongestWait() {
        LoadSnapshot load = load(List.of(new QueueLoad("support", "default", 1, 61_000, 0, 0, 1)), List.of());
        RoutingPolicy p = policy(List.of(), Map.of("*", new QueuePolicy(null, 60, "smart-ivr")));
        assertEquals(Outcome.DIVERT, decide(p, call("a", "1", Map.of()), load, 1).outcome());
    }

    @Test
    void aMissingDivertPlaceKeepsTheCallInItsQueue() {
        RoutingPolicy p = new RoutingPolicy("support", List.of(), Map.of("*", TENANT), Map.of(), Map.of());
        RouteDecision d = decide(p, call("a", "1", Map.of()), LoadSnapshot.empty(Instant.EPOCH), 3);
        assertEquals(Outcome.QUEUE, d.outcome());
        assertTrue(d.reason().contains("no divert 'announcement' configured"), d.reason());
    }

    @Test
    void unknownStrategyInARuleIsSkipped() {
        RoutingPolicy p = policy(List.of(new Rule("gone", null, "nope", List.of("x"), Map.of())), Map.of());
        assertEquals("support", decide(p, call("a", "1", Map.of()), LoadSnapshot.empty(Instant.EPOCH), 0).queue());
        assertEquals(Optional.empty(), Optional.ofNullable(STRATEGIES.get("nope")));
    }
}
