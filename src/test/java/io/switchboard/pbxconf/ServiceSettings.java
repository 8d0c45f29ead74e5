package io.switchboard.pbxconf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.config.WithDefault;
import io.switchboard.agents.AgentsConfig;
import io.switchboard.calls.CallsConfig;
import io.switchboard.cti.CtiConfig;
import io.switchboard.pbx.PbxConfig;
import io.switchboard.routing.RoutingConfig;
import io.switchboard.workflow.alerts.AlertsConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The service's settings the PBX configurations must agree with, read from the service's own
 * files: {@code @WithDefault} of its config mappings, overridden by application.properties (without
 * profile), and the routing policy in force by default (routing-policy.json).
 */
record ServiceSettings(String queueContext, int agiPort, String agiVariable, List<String> agiArgNames,
                       List<String> agiVariables, int socketPort, String socketVariable, List<String> ivrVariables,
                       List<String> inboundContexts, List<String> outboundContexts, String ctiDefaultContext,
                       String amiUsername, Duration agentsWrapUp, String defaultQueue,
                       Map<String, String> divertContexts, String alertContext, String alertExtension) {

    /** The routing server's FastAGI script name ({@code agi://host:port/route}). */
    static final String AGI_SCRIPT = "route";
    /** FreeSWITCH's event socket port the collector uses by default (PbxConfig: 8021 for freeswitch). */
    static final int ESL_PORT = 8021;

    static ServiceSettings read(Path projectRoot) {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(projectRoot.resolve("src/main/resources/application.properties"))) {
            props.load(in);
            JsonNode policy = new ObjectMapper().readTree(
                    projectRoot.resolve("src/main/resources/" + value(props, "switchboard.routing.default-policy",
                            RoutingConfig.class, "defaultPolicy")).toFile());
            Map<String, String> diverts = new LinkedHashMap<>();
            policy.path("diverts").properties().forEach(d -> diverts.put(d.getKey(), d.getValue().path("context").asText()));
            return new ServiceSettings(
                    value(props, "switchboard.routing.queue-context", RoutingConfig.class, "queueContext"),
                    Integer.parseInt(value(props, "switchboard.routing.agi.port", RoutingConfig.Agi.class, "port")),
                    value(props, "switchboard.routing.agi.variable", RoutingConfig.Agi.class, "variable"),
                    list(value(props, "switchboard.routing.agi.arg-names", RoutingConfig.Agi.class, "argNames")),
                    list(value(props, "switchboard.routing.agi.variables", RoutingConfig.Agi.class, "variables")),
                    Integer.parseInt(value(props, "switchboard.routing.socket.port", RoutingConfig.Socket.class, "port")),
                    value(props, "switchboard.routing.socket.variable", RoutingConfig.Socket.class, "variable"),
                    list(value(props, "switchboard.calls.ivr-variables", CallsConfig.class, "ivrVariables")),
                    list(value(props, "switchboard.calls.inbound-contexts", CallsConfig.class, "inboundContexts")),
                    list(value(props, "switchboard.calls.outbound-contexts", CallsConfig.class, "outboundContexts")),
                    value(props, "switchboard.cti.default-context", CtiConfig.class, "defaultContext"),
                    value(props, "switchboard.pbx.<node>.username", PbxConfig.Node.class, "username"),
                    duration(value(props, "switchboard.agents.wrap-up", AgentsConfig.class, "wrapUp")),
                    policy.path("defaultQueue").asText(),
                    diverts,
                    value(props, "switchboard.alerts.phone.context", AlertsConfig.Phone.class, "context"),
                    value(props, "switchboard.alerts.phone.extension", AlertsConfig.Phone.class, "extension"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every context the policy can send a call to, by divert name (diverts, self-service, overflow). */
    List<String> placeContexts() {
        return new ArrayList<>(divertContexts.values());
    }

    private static String value(Properties props, String key, Class<?> mapping, String method) {
        String set = props.getProperty(key);
        if (set != null) {
            return expressionDefault(set);
        }
        try {
            WithDefault d = mapping.getMethod(method).getAnnotation(WithDefault.class);
            if (d == null) {
                throw new IllegalStateException(mapping.getSimpleName() + "." + method + " has no @WithDefault");
            }
            return d.value();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("the service has no setting " + key + " any more", e);
        }
    }

    /** {@code ${ENV:default}} → default; a plain value stays. */
    private static String expressionDefault(String v) {
        if (v.startsWith("${") && v.endsWith("}") && v.contains(":")) {
            return v.substring(v.indexOf(':') + 1, v.length() - 1);
        }
        return v;
    }

    private static List<String> list(String v) {
        return Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Quarkus' short durations: 60s, 5m, 1h, 500ms. */
    private static Duration duration(String v) {
        String s = v.strip().toLowerCase();
        if (s.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
        }
        return Duration.parse("PT" + s.toUpperCase());
    }
}
