package io.switchboard.pbxconf;

import io.switchboard.pbxconf.FreeSwitchConf.Action;
import io.switchboard.pbxconf.FreeSwitchConf.Extension;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Consistency of freeswitch-conf/ and dialplans/freeswitch/ in themselves and with the service. */
final class FreeSwitchChecks {

    private static final Pattern USER = Pattern.compile("user/([\\w.-]+)");
    private static final Pattern GATEWAY = Pattern.compile("sofia/gateway/([\\w.-]+)/");

    private FreeSwitchChecks() {
    }

    /** Every file is well-formed XML and every X-PRE-PROCESS include names files. */
    static List<String> filesParse(PbxConfigSet c) {
        List<String> out = new ArrayList<>();
        Set<Path> included = new HashSet<>();
        for (Path f : c.freeswitchFiles()) {
            Document doc;
            try {
                doc = FreeSwitchConf.parse(f);
            } catch (Exception e) {
                out.add(f.getFileName() + ": not well-formed XML: " + e.getMessage());
                continue;
            }
            for (Element inc : FreeSwitchConf.elements(doc, "X-PRE-PROCESS")) {
                if (inc.getAttribute("cmd").equals("include")) {
                    List<Path> files = c.freeswitchInclude(f, inc.getAttribute("data"));
                    included.addAll(files);
                    if (files.isEmpty()) {
                        out.add(f.getFileName() + ": include " + inc.getAttribute("data") + " names no file");
                    }
                }
            }
        }
        for (Path p : PbxConfigSet.files(c.freeswitchDialplans(), ".xml")) {
            if (!included.contains(p)) {
                out.add(p.getFileName() + " is not included by freeswitch-conf/dialplan");
            }
        }
        return out;
    }

    /** callcenter queues exist and each is an extension of the service's queue context. */
    static List<String> queues(PbxConfigSet c) {
        List<String> out = new ArrayList<>();
        Set<String> queues = queueNames(c);
        var plan = c.freeswitchDialplan();
        for (Extension e : extensions(plan)) {
            for (Action a : e.actions()) {
                if (a.app().equals("callcenter") && !a.data().contains("$") && !queues.contains(a.data().strip())) {
                    out.add(e.file() + ": callcenter " + a.data() + " is not a queue of callcenter.conf.xml");
                }
            }
        }
        for (String q : queues) {
            var ext = FreeSwitchConf.extension(plan, c.service().queueContext(), q);
            if (ext.isEmpty()) {
                out.add("queue " + q + " has no extension in context " + c.service().queueContext());
            } else if (ext.get().actions().stream().noneMatch(a -> a.app().equals("callcenter") && a.data().strip().equals(q))) {
                out.add("extension " + q + "@" + c.service().queueContext() + " does not run callcenter " + q);
            }
        }
        return out;
    }

    /** Agents ring directory users, tiers name known agents and queues, wrap-up is the service's. */
    static List<String> agents(PbxConfigSet c) {
        List<String> out = new ArrayList<>();
        Document cc = c.freeswitch("autoload_configs/callcenter.conf.xml");
        Set<String> queues = queueNames(c);
        Set<String> agents = new LinkedHashSet<>();
        long wrapUp = c.service().agentsWrapUp().toSeconds();
        for (Element a : FreeSwitchConf.elements(cc, "agent")) {
            String name = a.getAttribute("name");
            agents.add(name);
            Matcher m = USER.matcher(a.getAttribute("contact"));
            if (!m.find()) {
                out.add("agent " + name + ": contact " + a.getAttribute("contact") + " is no user/<id>");
            } else if (!users(c).contains(m.group(1))) {
                out.add("agent " + name + ": user " + m.group(1) + " has no directory/default/" + m.group(1) + ".xml");
            }
            if (!a.getAttribute("wrap-up-time").equals(Long.toString(wrapUp))) {
                out.add("agent " + name + ": wrap-up-time " + a.getAttribute("wrap-up-time")
                        + " differs from switchboard.agents.wrap-up (" + wrapUp + " s)");
            }
        }
        Set<String> tiered = new HashSet<>();
        for (Element t : FreeSwitchConf.elements(cc, "tier")) {
            tiered.add(t.getAttribute("agent"));
            if (!agents.contains(t.getAttribute("agent"))) {
                out.add("tier names unknown agent " + t.getAttribute("agent"));
            }
            if (!queues.contains(t.getAttribute("queue"))) {
                out.add("tier names unknown queue " + t.getAttribute("queue"));
            }
        }
        agents.stream().filter(a -> !tiered.contains(a)).forEach(a -> out.add("agent " + a + " is in no tier"));
        return out;
    }

    /** transfer targets, bridge gateways and users exist. */
    static List<String> jumps(PbxConfigSet c) {
        List<String> out = new ArrayList<>();
        var plan = c.freeswitchDialplan();
        Set<String> gateways = gateways(c);
        for (Extension e : extensions(plan)) {
            for (Action a : e.actions()) {
                String where = e.file() + " " + e.context() + "/" + e.name() + ": ";
                if (a.app().equals("transfer")) {
                    String[] p = a.data().strip().split("\\s+");
                    String ctx = p.length >= 3 ? p[2] : e.context();
                    if (ctx.contains("$") || p[0].startsWith("${")) {
                        continue;
                    }
                    if (!plan.containsKey(ctx)) {
                        out.add(where + "transfer to unknown context " + ctx);
                    } else if (!p[0].contains("$") && FreeSwitchConf.extension(plan, ctx, p[0]).isEmpty()) {
                        out.add(where + "transfer to " + p[0] + " which no extension of " + ctx + " accepts");
                    }
                }
                if (a.app().equals("bridge")) {
                    Matcher g = GATEWAY.matcher(a.data());
                    while (g.find()) {
                        if (!gateways.contains(g.group(1))) {
                            out.add(where + "bridge to unknown gateway " + g.group(1));
                        }
                    }
                    Matcher u = USER.matcher(a.data());
                    while (u.find()) {
                        if (!u.group(1).contains("$") && !users(c).contains(u.group(1))) {
                            out.add(where + "bridge to unknown user " + u.group(1));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The routing call is the service's outbound-socket contract (docs/routing-freeswitch.md). */
    static List<String> routing(PbxConfigSet c) {
        List<String> out = new ArrayList<>();
        ServiceSettings svc = c.service();
        Map<String, String> vars = c.freeswitchVars();
        String variable = svc.socketVariable();
        String fallback = svc.defaultQueue() + " XML " + svc.queueContext();
        boolean any = false;
        for (Extension e : extensions(c.freeswitchDialplan())) {
            List<Action> acts = e.actions();
            for (int i = 0; i < acts.size(); i++) {
                if (!acts.get(i).app().equals("socket")) {
                    continue;
                }
                any = true;
                String where = e.file() + " " + e.context() + "/" + e.name() + ": ";
                String data = FreeSwitchConf.resolve(acts.get(i).data(), vars).strip();
                if (!data.matches("[\\w.-]+:" + svc.socketPort() + " async full")) {
                    out.add(where + "socket " + data + " is not <host>:" + svc.socketPort() + " async full");
                }
                boolean defaulted = acts.subList(0, i).stream().anyMatch(a -> a.app().equals("set")
                        && a.data().equals(variable + "=" + fallback));
                if (!defaulted) {
                    out.add(where + "no set " + variable + "=" + fallback + " before socket");
                }
                boolean follows = acts.subList(i + 1, acts.size()).stream().anyMatch(a -> a.app().equals("transfer")
                        && a.data().strip().equals("${" + variable + "}"));
                if (!follows) {
                    out.add(where + "no transfer ${" + variable + "} after socket");
                }
            }
        }
        if (!any) {
            out.add("no socket routing call in the FreeSWITCH dialplan");
        }
        for (String v : AsteriskChecks.routingInputs(svc)) {
            boolean set = extensions(c.freeswitchDialplan()).stream().flatMap(e -> e.actions().stream())
                    .anyMatch(a -> (a.app().equals("set") && a.data().startsWith(v + "="))
                            || (a.app().equals("play_and_get_digits") && List.of(a.data().split("\\s+")).indexOf(v) == 7));
            if (!set) {
                out.add("the FreeSWITCH IVR never sets " + v + ", which the routing server reads");
            }
        }
        return out;
    }

    /** The event socket: not the default password, the collector's port, an inbound ACL that exists. */
    static List<String> eventSocket(PbxConfigSet c) {
        List<String> out = new ArrayList<>();
        Map<String, String> vars = c.freeswitchVars();
        Map<String, String> p = FreeSwitchConf.params(c.freeswitch("autoload_configs/event_socket.conf.xml").getDocumentElement());
        String password = FreeSwitchConf.resolve(p.getOrDefault("password", ""), vars);
        if (password.isBlank() || password.equals("ClueCon") || password.contains("$${")) {
            out.add("event socket password is '" + password + "': set one that is not FreeSWITCH's default");
        }
        if (!p.getOrDefault("listen-port", "").equals(Integer.toString(ServiceSettings.ESL_PORT))) {
            out.add("event socket listen-port " + p.get("listen-port") + " is not " + ServiceSettings.ESL_PORT);
        }
        String acl = p.getOrDefault("apply-inbound-acl", "");
        Element list = FreeSwitchConf.elements(c.freeswitch("autoload_configs/acl.conf.xml"), "list").stream()
                .filter(l -> l.getAttribute("name").equals(acl)).findFirst().orElse(null);
        if (list == null) {
            out.add("event socket apply-inbound-acl '" + acl + "' is no list of acl.conf.xml");
        } else if (!list.getAttribute("default").equals("deny")) {
            out.add("ACL list " + acl + " must default to deny");
        }
        return out;
    }

    /** Calls from the trunk enter an inbound context; outbound calls use the gateway from an outbound context. */
    static List<String> trunk(PbxConfigSet c) {
        List<String> out = new ArrayList<>();
        ServiceSettings svc = c.service();
        var plan = c.freeswitchDialplan();
        for (Path f : PbxConfigSet.files(c.freeswitchConf().resolve("sip_profiles"), ".xml")) {
            Document doc = PbxConfigSet.parse(f);
            boolean trunkProfile = !FreeSwitchConf.elements(doc, "gateway").isEmpty()
                    || FreeSwitchConf.elements(doc, "X-PRE-PROCESS").stream().anyMatch(x -> !c.freeswitchInclude(f, x.getAttribute("data")).isEmpty());
            for (Element holder : FreeSwitchConf.elements(doc, "settings")) {
                String ctx = FreeSwitchConf.params(holder).get("context");
                checkContext(out, plan, f.getFileName() + " profile", ctx, trunkProfile ? svc.inboundContexts() : null);
            }
            for (Element g : FreeSwitchConf.elements(doc, "gateway")) {
                checkContext(out, plan, "gateway " + g.getAttribute("name"), FreeSwitchConf.params(g).get("context"), svc.inboundContexts());
            }
        }
        if (!gateways(c).contains("trunk")) {
            out.add("no gateway trunk in sip_profiles");
        }
        boolean outbound = extensions(plan).stream().filter(e -> svc.outboundContexts().contains(e.context()))
                .flatMap(e -> e.actions().stream()).anyMatch(a -> a.app().equals("bridge") && a.data().contains("sofia/gateway/trunk/"));
        if (!outbound) {
            out.add("no context of switchboard.calls.outbound-contexts bridges to the gateway trunk");
        }
        return out;
    }

    private static void checkContext(List<String> out, Map<String, List<Extension>> plan, String who, String ctx,
                                     List<String> allowed) {
        if (ctx == null) {
            return;
        }
        if (!plan.containsKey(ctx)) {
            out.add(who + ": context " + ctx + " is not in the dialplan");
        }
        if (allowed != null && !allowed.contains(ctx)) {
            out.add(who + ": context " + ctx + " is not one of switchboard.calls.inbound-contexts " + allowed);
        }
    }

    static List<Extension> extensions(Map<String, List<Extension>> plan) {
        return plan.values().stream().flatMap(List::stream).toList();
    }

    static Set<String> queueNames(PbxConfigSet c) {
        Set<String> out = new LinkedHashSet<>();
        FreeSwitchConf.elements(c.freeswitch("autoload_configs/callcenter.conf.xml"), "queue")
                .forEach(q -> out.add(q.getAttribute("name")));
        return out;
    }

    static Set<String> users(PbxConfigSet c) {
        Set<String> out = new HashSet<>();
        for (Path f : PbxConfigSet.files(c.freeswitchConf().resolve("directory"), ".xml")) {
            FreeSwitchConf.elements(PbxConfigSet.parse(f), "user").forEach(u -> out.add(u.getAttribute("id")));
        }
        return out;
    }

    static Set<String> gateways(PbxConfigSet c) {
        Set<String> out = new HashSet<>();
        for (Path f : PbxConfigSet.files(c.freeswitchConf().resolve("sip_profiles"), ".xml")) {
            if (Files.isRegularFile(f)) {
                FreeSwitchConf.elements(PbxConfigSet.parse(f), "gateway").forEach(g -> out.add(g.getAttribute("name")));
            }
        }
        return out;
    }
}
