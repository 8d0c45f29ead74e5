package io.switchboard.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.switchboard.routing.RoutingPolicy.QueuePolicy;
import io.switchboard.routing.RoutingPolicy.Rule;
import io.switchboard.routing.RoutingPolicy.TenantPolicy;
import io.switchboard.routing.RoutingPolicy.Thresholds;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyValidatorTest {

    private static final Set<String> STRATEGIES = Set.of("vip", "skills", "least-loaded-queue");
    private final PolicyValidator validator = new PolicyValidator();

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"routing-policy.json", "routing-policy-demo.json"})
    void shippedPoliciesAreValid(String resource) throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            RoutingPolicy p = new ObjectMapper().registerModule(new JavaTimeModule()).readValue(in, RoutingPolicy.class);
            assertEquals(List.of(), validator.problems(p, STRATEGIES));
            assertEquals("support", p.defaultQueue());
            assertEquals(4, p.diverts().size());
        }
    }

    @Test
    void everyProblemIsNamed() {
        RoutingPolicy p = new RoutingPolicy("support\r\nAction: Command",
                List.of(new Rule("r", null, "magic", List.of("ok", "bad queue"), Map.of("x", "a\nb"))),
                Map.of("acme", new TenantPolicy(new Thresholds(20, null, 0.9, null), new Thresholds(10, null, 0.5, null),
                        null, 1.5, -1, "nowhere", null)),
                Map.of("support", new QueuePolicy(0, null, "gone")),
                Map.of("smart-ivr", new Destination("smart-ivr", "s,1")));
        List<String> problems = validator.problems(p, STRATEGIES);
        List<String> expected = List.of(
                "defaultQueue must be",
                "rules[0] (r): strategy must be one of",
                "rules[0] (r): queue 'bad queue'",
                "rules[0] (r): setting x contains a line break",
                "diverts.smart-ivr: context and extension",
                "tenants.acme.leaveRatio",
                "tenants.acme.holdDownSeconds",
                "tenants.acme names divert 'nowhere'",
                "tenants.acme.level2.waiting must not be below level1's",
                "tenants.acme.level2.lineUse must not be below level1's",
                "queues.support.overflowTo names divert 'gone'",
                "queues.support.overflowWaiting must be at least 1");
        for (String e : expected) {
            assertTrue(problems.stream().anyMatch(x -> x.startsWith(e)), "missing: " + e + " in " + problems);
        }
        assertEquals(expected.size(), problems.size(), problems.toString());
    }
}
