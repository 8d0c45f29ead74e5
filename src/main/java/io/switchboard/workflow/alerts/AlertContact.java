package io.switchboard.workflow.alerts;

import java.util.Set;

/**
 * Who an alert goes to and how each channel reaches them (a row of {@code alert_contacts}).
 *
 * @param phone   an extension ({@code 1001}) or a dial string ({@code PJSIP/1001}, {@code user/1001})
 * @param node    the PBX node the phone is on; null: {@code switchboard.alerts.phone.default-node}
 * @param webhook the webhook target for this person; null: the default target
 * @param groups  the groups / org units the person belongs to
 */
public record AlertContact(String tenant, String username, String displayName, String email, String mobile,
                           String phone, String node, String webhook, Set<String> groups) {
    public AlertContact {
        groups = groups == null ? Set.of() : Set.copyOf(groups);
    }

    public String label() {
        return displayName == null || displayName.isBlank() ? username : displayName;
    }
}
