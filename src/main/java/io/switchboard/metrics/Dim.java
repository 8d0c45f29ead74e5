package io.switchboard.metrics;

/** A dimension: one queue, agent, node or tenant. */
record Dim(Scope scope, String name) {
}
