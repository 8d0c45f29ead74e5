package io.switchboard.pbx;

/**
 * Where an agent sits on one PBX node.
 *
 * @param node            the PBX node id
 * @param memberInterface the queue member interface as the PBX reports it (Asterisk {@code PJSIP/1001},
 *                        mod_callcenter agent name {@code 1001})
 * @param dial            what to originate to reach the agent's phone ({@code PJSIP/1001}, {@code user/1001})
 * @param device          the phone's endpoint / user name ({@code 1001}), for phone events (answer, hold)
 */
public record AgentEndpoint(String node, String memberInterface, String dial, String device) {

    /** True when a channel name belongs to this agent's phone (Asterisk {@code PJSIP/1001-0000002a}, FreeSWITCH {@code sofia/internal/1001@host}). */
    public boolean ownsChannel(String channel) {
        if (channel == null || channel.isEmpty()) {
            return false;
        }
        if (dial != null && !dial.isEmpty() && (channel.equals(dial) || channel.startsWith(dial + "-"))) {
            return true;
        }
        return device != null && !device.isEmpty()
                && (channel.contains("/" + device + "@") || channel.endsWith("/" + device));
    }
}
