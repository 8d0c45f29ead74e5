package io.switchboard.cti;

import java.util.Map;

/**
 * What happened to a CTI action: {@code outcome} is ok, failed (the PBX said no), timeout,
 * unavailable (node not connected), invalid or forbidden; {@code message} is the PBX's own text
 * where there is one.
 */
public record ActionResult(String action, String callId, String node, String outcome, String message,
                           double latencyMs, Map<String, String> data) {
    public boolean ok() {
        return "ok".equals(outcome);
    }
}
