package io.switchboard.metrics;

/** What a row of counters is about. */
enum Scope {
    QUEUE, AGENT, NODE, TENANT
}
