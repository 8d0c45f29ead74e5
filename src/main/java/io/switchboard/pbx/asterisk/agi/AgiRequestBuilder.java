package io.switchboard.pbx.asterisk.agi;

import io.switchboard.routing.RouteRequest;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A FastAGI request as a {@link RouteRequest}: the {@code agi_*} environment, the positional
 * arguments under their configured names, and the channel variables routing needs that the
 * dialplan did not pass (one GET VARIABLE each, on the AGI pool thread).
 */
final class AgiRequestBuilder {

    static final String UNKNOWN = "unknown";
    /** Asterisk's AGI takes at most 128 arguments ({@code MAX_ARGS} in res_agi.c). */
    static final int MAX_ARGS = 128;

    private final AgiNodes nodes;
    private final List<String> argNames;
    private final List<String> fetched;
    private final String nodeVariable;

    /**
     * @param argNames  names of {@code agi_arg_1..n}
     * @param fetched   variables read from the channel when no argument gave them
     */
    AgiRequestBuilder(AgiNodes nodes, List<String> argNames, List<String> fetched, String nodeVariable) {
        this.nodes = nodes;
        this.argNames = List.copyOf(argNames);
        this.fetched = List.copyOf(fetched);
        this.nodeVariable = nodeVariable;
    }

    RouteRequest build(AgiRequest r, AgiChannel channel, Instant receivedAt) throws AgiException {
        List<String> args = arguments(r);
        Map<String, String> vars = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (String a : args) {
            int eq = a == null ? -1 : a.indexOf('=');
            // NAME=value arguments name themselves; bare values take the configured name of their position
            if (eq > 0 && a.substring(0, eq).chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
                vars.put(a.substring(0, eq).toUpperCase(Locale.ROOT), a.substring(eq + 1));
            } else {
                positional.add(a);
            }
        }
        for (int i = 0; i < positional.size() && i < argNames.size(); i++) {
            String v = positional.get(i);
            if (v != null && !v.isEmpty()) {
                vars.putIfAbsent(argNames.get(i), v);
            }
        }
        for (String name : fetched) {
            if (!vars.containsKey(name)) {
                String v = channel.getVariable(name);
                if (v != null && !v.isEmpty()) {
                    vars.put(name, v);
                }
            }
        }
        String node = node(r, channel, vars);
        String linkedid = channel.getVariable("CHANNEL(linkedid)");
        String callId = linkedid == null || linkedid.isBlank() ? r.getUniqueId() : linkedid;
        return new RouteRequest(node, "asterisk", callId, r.getChannel(), known(r.getCallerIdNumber()),
                known(r.getCallerIdName()), dialed(r), r.getScript(), args, vars, receivedAt);
    }

    private String node(AgiRequest r, AgiChannel channel, Map<String, String> vars) throws AgiException {
        String node = nodes.named(vars.get(nodeVariable));
        if (node == null) {
            node = nodes.byAddress(r.getRemoteAddress());
        }
        if (node == null && nodes.names().size() != 1) {
            node = nodes.named(channel.getVariable(nodeVariable));
        }
        if (node == null) {
            node = nodes.only();
        }
        if (node == null) {
            node = r.getRemoteAddress() == null ? UNKNOWN : r.getRemoteAddress().getHostAddress();
        }
        return node;
    }

    /**
     * {@code agi_arg_1..n} as Asterisk numbers them: consecutive from 1, at most {@link #MAX_ARGS};
     * anything else is ignored. Not {@code AgiRequest.getArguments()}: that sizes an array by the
     * highest number sent (one {@code agi_arg_2000000000} line exhausts the heap), throws on a
     * non-numeric suffix and leaves nulls in gaps.
     */
    static List<String> arguments(AgiRequest r) {
        Map<String, String> env = r.getRequest();
        if (env == null) {
            return List.of();
        }
        List<String> args = new ArrayList<>();
        for (int i = 1; i <= MAX_ARGS; i++) {
            String a = env.get("arg_" + i);
            if (a == null) {
                break;
            }
            args.add(a);
        }
        return args;
    }

    /** The DNIS when the channel has one, else the extension the AGI runs in. */
    static String dialed(AgiRequest r) {
        String dnid = known(r.getDnid());
        return dnid != null ? dnid : known(r.getExtension());
    }

    /** Asterisk writes {@code unknown} for absent caller id, DNID and RDNIS. */
    static String known(String v) {
        return v == null || v.isBlank() || UNKNOWN.equalsIgnoreCase(v) ? null : v;
    }

    /** The configured IVR variables minus those routing writes (they are outputs, not inputs). */
    static List<String> fetchable(List<String> ivrVariables, List<String> extra, Set<String> outputs) {
        List<String> out = new ArrayList<>();
        for (String v : concat(ivrVariables, extra)) {
            String n = v.strip().toUpperCase(Locale.ROOT);
            if (!n.isEmpty() && !outputs.contains(n) && !out.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
