package io.switchboard.routing;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * What the routing server does, editable at runtime ({@code PUT /api/v1/routing/policy}) and kept
 * in the database with its version history. Shipped default: {@code routing-policy.json}.
 *
 * @param defaultQueue where a call goes when no rule decides
 * @param rules        tried in order; the first whose match fits and whose strategy chooses, decides
 * @param tenants      degradation thresholds and self-service targets per tenant ({@code "*"}: every other tenant)
 * @param queues       per-queue overflow thresholds and divert target (queue name, or {@code "*"})
 * @param diverts      named self-service places: {@code smart-ivr}, {@code chat}, {@code keypad-ivr}, {@code announcement}, ...
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoutingPolicy(String defaultQueue, List<Rule> rules, Map<String, TenantPolicy> tenants,
                            Map<String, QueuePolicy> queues, Map<String, Destination> diverts) {

    public RoutingPolicy {
        rules = rules == null ? List.of() : List.copyOf(rules);
        tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
        queues = queues == null ? Map.of() : Map.copyOf(queues);
        diverts = diverts == null ? Map.of() : Map.copyOf(diverts);
    }

    /**
     * A routing rule.
     *
     * @param name     for logs and the state page
     * @param match    which calls it applies to (null fields match anything)
     * @param strategy the {@link RoutingStrategy#name()} to ask
     * @param queues   the candidate queues the strategy chooses among
     * @param settings strategy settings (e.g. {@code vip-queue}, {@code open}, {@code skill.<x>})
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rule(String name, Match match, String strategy, List<String> queues, Map<String, String> settings) {
        public Rule {
            match = match == null ? Match.ANY : match;
            queues = queues == null ? List.of() : List.copyOf(queues);
            settings = settings == null ? Map.of() : Map.copyOf(settings);
        }

        public String setting(String key, String fallback) {
            String v = settings.get(key);
            return v == null || v.isBlank() ? fallback : v;
        }
    }

    /** Exact matches on what the call tells; null matches anything. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Match(String tenant, String node, String dialed, String callType, String intent, String entry) {
        public static final Match ANY = new Match(null, null, null, null, null, null);
    }

    /**
     * Degradation thresholds of a tenant. A level is entered when any of its set thresholds is
     * reached and left (one level at a time) when every figure has been below
     * {@code leaveRatio} × its threshold for {@code holdDownSeconds}.
     *
     * @param selfService  divert name for non-VIP callers at level 2
     * @param announcement divert name for everyone at level 3
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TenantPolicy(Thresholds level1, Thresholds level2, Thresholds level3, Double leaveRatio,
                               Integer holdDownSeconds, String selfService, String announcement) {
    }

    /**
     * Load figures that trigger a level; null means "not used".
     *
     * @param waiting          callers waiting in the tenant's queues
     * @param longestWaitSeconds longest current wait among them
     * @param lineUse          concurrent calls / line capacity of the tenant's nodes (0..1)
     * @param commandErrorRate PBX command error rate over the last minute (0..1)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Thresholds(Integer waiting, Integer longestWaitSeconds, Double lineUse, Double commandErrorRate) {
    }

    /**
     * Overflow of one queue: at level 1 and above, a new call for a queue past either threshold
     * goes to {@code overflowTo} (a divert name) instead of waiting.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QueuePolicy(Integer overflowWaiting, Integer overflowWaitSeconds, String overflowTo) {
    }
}
