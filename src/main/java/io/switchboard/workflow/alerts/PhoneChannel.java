package io.switchboard.workflow.alerts;

import io.switchboard.pbx.AgentEndpoint;
import io.switchboard.pbx.CallControl;
import io.switchboard.pbx.PbxCommand;
import io.switchboard.pbx.PbxRegistry;
import io.switchboard.pbx.PbxText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * A phone call to the responsible person: the PBX rings their phone and, on answer, runs the
 * alert context of the dialplan ({@code alert-call}), which plays the prompt. Sent when the PBX
 * accepted the originate; whether the person picked up is the PBX's call record.
 */
@ApplicationScoped
public class PhoneChannel implements AlertChannel {

    public static final String NAME = "phone";

    /** Dialplan variables the alert context reads. */
    static final String PROMPT_VARIABLE = "SB_ALERT_PROMPT";
    static final String TASK_VARIABLE = "SB_ALERT_TASK";
    static final String LEVEL_VARIABLE = "SB_ALERT_LEVEL";

    @Inject
    AlertsConfig config;
    @Inject
    PbxRegistry pbx;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> unavailable() {
        return config.phone().enabled() ? Optional.empty() : Optional.of("switchboard.alerts.phone.enabled=false");
    }

    @Override
    public CompletionStage<Delivery> send(AlertMessage message) {
        AlertContact to = message.recipient();
        if (to.phone() == null || to.phone().isBlank()) {
            return done(Delivery.skipped(to.username() + " has no phone"));
        }
        String node = to.node() != null && !to.node().isBlank() ? to.node()
                : config.phone().defaultNode().orElse(null);
        if (node == null) {
            return done(Delivery.skipped(to.username() + " has no PBX node and there is no "
                    + "switchboard.alerts.phone.default-node"));
        }
        CallControl control = pbx.control(node).orElse(null);
        if (control == null) {
            return done(Delivery.failed("PBX node " + node + " is not configured"));
        }
        String dial = dialString(to.phone(), control.pbxType());
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put(PROMPT_VARIABLE, config.phone().prompt());
        vars.put(LEVEL_VARIABLE, Integer.toString(message.level()));
        if (message.taskId() != null && !PbxText.hasControlCharacters(message.taskId())) {
            vars.put(TASK_VARIABLE, message.taskId());
        }
        PbxCommand.Originate call = new PbxCommand.Originate(new AgentEndpoint(node, dial, dial, to.phone()),
                config.phone().extension(), config.phone().context(), null, config.phone().callerIdName(), vars);
        String label = "call to " + dial + " on " + node;
        return control.execute(call, config.phone().deadline()).handle((reply, error) -> {
            if (error != null) {
                Throwable e = error.getCause() != null && error instanceof java.util.concurrent.CompletionException
                        ? error.getCause() : error;
                return Delivery.failed(label + ": " + (e instanceof TimeoutException ? "the PBX did not answer in time"
                        : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
            return reply.success() ? Delivery.sent(label + ": " + reply.message())
                    : Delivery.failed(label + ": " + reply.message());
        });
    }

    /** An extension becomes the PBX's phone dial string; a dial string ({@code PJSIP/1001}) is kept. */
    static String dialString(String phone, String pbxType) {
        if (phone.contains("/")) {
            return phone;
        }
        return "freeswitch".equals(pbxType) ? "user/" + phone : "PJSIP/" + phone;
    }

    private static CompletionStage<Delivery> done(Delivery d) {
        return CompletableFuture.completedFuture(d);
    }
}
