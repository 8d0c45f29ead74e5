package io.switchboard.pbx;

/**
 * Wraps each node's call control as {@link PbxRegistry} hands it out (a circuit breaker, command
 * statistics). Declared here so the PBX layer does not depend on whoever provides it.
 */
public interface CommandGuard {

    CallControl guard(CallControl control);
}
