package io.switchboard.routing;

import io.switchboard.agents.Agent;
import io.switchboard.screenpop.Customer;

import java.time.Clock;
import java.util.Collection;

/**
 * What strategies may consult, all already in memory when a decision starts.
 *
 * @param tenant   the tenant the call belongs to (by its node's and dialled number's mapping)
 * @param customer the caller as the customer directory knows them, null when unknown or not found in time
 * @param load     the latest load snapshot
 * @param agents   every configured agent (skills, queues, endpoints)
 * @param nodes    node health and roles for failover-aware choices
 */
public record RoutingContext(String tenant, Customer customer, LoadSnapshot load, Collection<Agent> agents,
                             NodeGroups nodes, Clock clock) {

    public boolean vip() {
        return customer != null && customer.vip();
    }
}
