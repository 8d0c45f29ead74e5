package io.switchboard.workflow.alerts;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The webhook targets and SMS gateway of the test setup, on a {@link LocalHttp} started before the
 * application (its port is only known then). Tokens and the gateway's key are fresh per run so a
 * test can look for them in logs and records.
 */
public class AlertEndpoints implements QuarkusTestResourceLifecycleManager {

    static volatile LocalHttp server;
    static final String HOOK_TOKEN = "hook-token-" + UUID.randomUUID();
    static final String SMS_KEY = "Bearer sms-key-" + UUID.randomUUID();

    @Override
    public Map<String, String> start() {
        server = new LocalHttp();
        Map<String, String> c = new HashMap<>();
        target(c, "ops", "/ops", "slack");
        target(c, "ding", "/ding", "dingtalk");
        target(c, "wechat", "/wechat", "wechat");
        target(c, "slow", "/slow", "slack");
        c.put("switchboard.alerts.webhook.default-target", "ops");
        c.put("switchboard.alerts.sms.url", server.url("/sms"));
        c.put("switchboard.alerts.sms.auth-value", SMS_KEY);
        return c;
    }

    private static void target(Map<String, String> c, String name, String path, String format) {
        c.put("switchboard.alerts.webhook.targets." + name + ".url", server.url(path) + "?access_token=" + HOOK_TOKEN);
        c.put("switchboard.alerts.webhook.targets." + name + ".format", format);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
