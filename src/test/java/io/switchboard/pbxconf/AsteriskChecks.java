package io.switchboard.pbxconf;

import io.switchboard.pbxconf.AsteriskDialplan.Step;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Consistency of asterisk-conf/ and dialplans/asterisk/ in themselves and with the service. */
final class AsteriskChecks {

    private static final Pattern AGI_URL = Pattern.compile("agi://([^:/]+):(\\d+)/([^,?]+)");
    private static final Pattern LOCAL_MEMBER = Pattern.compile("Local/([^@]+)@([^/,]+)(/n)?");

    private AsteriskChecks() {
    }

    /** Every file reads cleanly, every include names files, every template and dialplan line is known. */
    static List<String> filesParse(PbxConfigSet c) {
        List<String> out = new ArrayList<>();
        Set<Path> included = new HashSet<>();
        for (AsteriskConf f : c.asteriskFiles()) {
            out.addAll(f.problems());
            for (AsteriskConf.Include inc : f.includes()) {
                List<Path> files = c.asteriskInclude(inc.pattern());
                included.addAll(files);
                if (files.isEmpty() && !inc.optional()) {
                    out.add(AsteriskConf.where(f.file(), inc.line()) + "#include " + inc.pattern() + " names no file");
                }
            }
            for (AsteriskConf.Section s : f.sections()) {
                for (String t : s.templates()) {
                    if (f.sections().stream().noneMatch(x -> x.template() && x.name().equals(t))) {
                        out.add(AsteriskConf.where(f.file(), s.line()) + "[" + s.name() + "] uses unknown template " + t);
                    }
                }
            }
        }
        out.addAll(c.asteriskDialplan().problems());
        for (Path p : PbxConfigSet.files(c.asteriskDialplans(), ".conf")) {
            if (!included.contains(p)) {
                out.add(p.getFileName() + " is not included by extensions.conf");
            }
        }
        return out;
    }

    /** Queue() names exist in queues.conf; every queue is an extension of the service's queue context. */
    static List<String> queues(PbxConfigSet c) {
        List<String> out = new ArrayList<>();
        Set<String> queues = queueNames(c);
        AsteriskDialplan plan = c.asteriskDialplan();
        for (Step s : plan.steps("Queue")) {
            String q = arg(s.args(), 0);
            if (!q.contains("$") && !queues.contains(q)) {
                out.add(s.where() + "Queue(" + q + ") is not a queue of queues.conf");
            }
        }
        String ctx = c.service().queueContext();
        for (String q : queues) {
            var ext = plan.extension(ctx, q);
            if (ext.isEmpty()) {
                out.add("queue " + q + " has no extension in context " + ctx);
            } else if (ext.get().stream().noneMatch(s -> s.app().equalsIgnoreCase("Queue") && arg(s.args(), 0).equals(q))) {
                out.add("extension " + q + "@" + ctx + " does not run Queue(" + q + ")");
            }
        }
        return out;
    }

    /** Each member Local/agentN@ctx/n reaches an extension that dials a phone of pjsip.conf. */
    static List<String> members(PbxConfigSet c) {
        List<String> out = new ArrayList<>();
        AsteriskDialplan plan = c.asteriskDialplan();
        Set<String> endpoints = endpoints(c);
        for (AsteriskConf.Section q : c.asterisk("queues.conf").concreteSections()) {
            for (String member : q.values("member")) {
                String iface = arg(member, 0);
                Matcher m = LOCAL_MEMBER.matcher(iface);
                if (iface.startsWith("PJSIP/")) {
                    if (!endpoints.contains(iface.substring(6))) {
                        out.add("queue " + q.name() + ": member " + iface + " is no endpoint of pjsip.conf");
                    }
                } else if (!m.matches()) {
                    out.add("queue " + q.name() + ": member " + iface + " is neither Local/<exten>@<context>/n nor PJSIP/<endpoint>");
                } else {
                    var ext = plan.extension(m.group(2), m.group(1));
                    if (ext.isEmpty()) {
                        out.add("queue " + q.name() + ": member " + iface + " has no extension " + m.group(1) + " in context " + m.group(2));
                        continue;
                    }
                    List<String> phones = ext.get().stream().filter(s -> s.app().equalsIgnoreCase("Dial"))
                            .map(s -> arg(s.args(), 0)).filter(d -> d.startsWith("PJSIP/")).toList();
                    if (phones.isEmpty()) {
                        out.add("queue " + q.name() + ": member " + iface + " dials no PJSIP phone");
                    }
                    if (!m.group(1).startsWith("_") && !phones.contains("PJSIP/" + m.group(1))) {
                        out.add("queue " + q.name() + ": member " + iface + " should ring PJSIP/" + m.group(1) + ", dials " + phones);
                    }
                }
            }
        }
        return out;
    }

    /** Goto/GotoIf/Gosub targets and include => contexts exist; Dial(PJSIP/..) names endpoints. */
    static List<String> jumps(PbxConfigSet c) {
        List<String> out = new ArrayList<>();
        AsteriskDialplan plan = c.asteriskDialplan();
        plan.includes().forEach((ctx, incs) -> incs.stream().filter(i -> !plan.hasContext(i))
                .forEach(i -> out.add("context " + ctx + " includes unknown context " + i)));
        for (Step s : plan.steps()) {
            String app = s.app().toLowerCase();
            List<String> targets = new ArrayList<>();
            if (app.equals("goto") || app.equals("gosub")) {
                targets.add(s.args());
            } else if (app.equals("gotoif") || app.equals("gosubif")) {
                int q = s.args().lastIndexOf('?');
                for (String t : s.args().substring(q + 1).split(":")) {
                    if (!t.isBlank()) {
                        targets.add(t.strip());
                    }
                }
            }
            for (String t : targets) {
                String problem = target(plan, s, t);
                if (problem != null) {
                    out.add(s.where() + problem);
                }
            }
        }
        Set<String> endpoints = endpoints(c);
        for (Step s : plan.steps("Dial")) {
            for (String dest : arg(s.args(), 0).split("&")) {
                if (dest.startsWith("PJSIP/")) {
                    String rest = dest.substring(6);
                    String endpoint = rest.contains("@") ? rest.substring(rest.indexOf('@') + 1) : rest;
                    if (!endpoint.contains("$") && !endpoints.contains(endpoint)) {
                        out.add(s.where() + "Dial(" + dest + ") names no endpoint of pjsip.conf");
                    }
                }
            }
        }
        return out;
    }

    private static String target(AsteriskDialplan plan, Step s, String t) {
        String[] p = t.replaceAll("\\(.*\\)$", "").split(",");
        if (t.startsWith("${") && t.endsWith("}")) {
            return null; // a computed place (Goto(${ROUTE})): checked where ROUTE is written
        }
        String ctx = p.length == 3 ? p[0].strip() : s.context();
        String ext = p.length == 1 ? s.exten() : p[p.length - 2].strip();
        String prio = p[p.length - 1].strip();
        if (ctx.contains("$")) {
            return null;
        }
        if (!plan.hasContext(ctx)) {
            return "jump to unknown context " + ctx + " (" + t + ")";
        }
        if (ext.contains("$")) {
            return null;
        }
        var found = plan.extension(ctx, ext);
        if (found.isEmpty()) {
            return "jump to unknown extension " + ext + "@" + ctx;
        }
        if (!prio.matches("\\d+") && !prio.contains("$") && found.get().stream().noneMatch(x -> prio.equals(x.label()))) {
            return "jump to unknown label " + prio + " in " + ext + "@" + ctx;
        }
        return null;
    }

    /**
     * The routing call is the service's FastAGI contract (docs/routing-asterisk.md): agi://host:PORT/route
     * with the argument names in order, ROUTE emptied before, Goto(${ROUTE}) after, and the AGISTATUS
     * fallback into the default queue; the IVR sets every variable the server reads.
     */
    static List<String> routing(PbxConfigSet c) {
        List<String> out = new ArrayList<>();
        ServiceSettings svc = c.service();
        AsteriskDialplan plan = c.asteriskDialplan();
        List<Step> agis = plan.steps("AGI");
        if (agis.isEmpty()) {
            out.add("no AGI() routing call in the Asterisk dialplan");
        }
        String route = "${" + svc.agiVariable() + "}";
        for (Step agi : agis) {
            List<String> args = List.of(plan.resolveGlobals(agi.args()).split(",", -1));
            Matcher m = AGI_URL.matcher(args.get(0));
            if (!m.matches() || Integer.parseInt(m.group(2)) != svc.agiPort() || !m.group(3).equals(ServiceSettings.AGI_SCRIPT)) {
                out.add(agi.where() + "AGI URL " + args.get(0) + " is not agi://<host>:" + svc.agiPort() + "/" + ServiceSettings.AGI_SCRIPT);
            }
            List<String> expected = svc.agiArgNames().stream().map(n -> "${" + n + "}").toList();
            if (!args.subList(1, args.size()).equals(expected)) {
                out.add(agi.where() + "AGI arguments " + args.subList(1, args.size()) + " are not " + expected);
            }
            List<Step> ext = plan.contexts().get(agi.context()).stream().filter(s -> s.exten().equals(agi.exten())).toList();
            int at = ext.indexOf(agi);
            boolean emptied = ext.subList(0, at).stream().anyMatch(s -> s.app().equalsIgnoreCase("Set")
                    && s.args().strip().equals(svc.agiVariable() + "="));
            if (!emptied) {
                out.add(agi.where() + svc.agiVariable() + " is not emptied before the AGI call");
            }
            List<Step> after = ext.subList(at + 1, ext.size());
            if (after.stream().noneMatch(s -> s.app().equalsIgnoreCase("Goto") && s.args().strip().equals(route))) {
                out.add(agi.where() + "no Goto(" + route + ") after the AGI call");
            }
            Step fallbackIf = after.stream().filter(s -> s.app().equalsIgnoreCase("GotoIf")
                    && s.args().contains("${AGISTATUS}") && s.args().contains("SUCCESS") && s.args().contains(route))
                    .findFirst().orElse(null);
            if (fallbackIf == null) {
                out.add(agi.where() + "no GotoIf on AGISTATUS != SUCCESS or empty " + route + " after the AGI call");
                continue;
            }
            String label = fallbackIf.args().substring(fallbackIf.args().lastIndexOf('?') + 1).split(":")[0].strip();
            String queue = svc.queueContext() + "," + svc.defaultQueue() + ",1";
            int fb = ext.stream().map(Step::label).toList().indexOf(label);
            if (fb < 0 || ext.subList(fb, ext.size()).stream().noneMatch(s -> s.app().equalsIgnoreCase("Goto")
                    && s.args().replace(" ", "").equals(queue))) {
                out.add(agi.where() + "the fallback (" + label + ") does not Goto(" + queue + ")");
            }
        }
        for (String v : routingInputs(svc)) {
            boolean set = plan.steps().stream().anyMatch(s -> (s.app().equalsIgnoreCase("Set") && s.args().startsWith(v + "="))
                    || (s.app().equalsIgnoreCase("Read") && arg(s.args(), 0).equals(v)));
            if (!set) {
                out.add("the Asterisk IVR never sets " + v + ", which the routing server reads");
            }
        }
        return out;
    }

    /** The trunk's calls enter an inbound context; outbound calls use it from an outbound context. */
    static List<String> trunk(PbxConfigSet c) {
        List<String> out = new ArrayList<>();
        ServiceSettings svc = c.service();
        AsteriskDialplan plan = c.asteriskDialplan();
        AsteriskConf pjsip = c.asterisk("pjsip.conf");
        for (AsteriskConf.Section e : pjsip.concreteSections()) {
            if (!e.value("type").orElse("").equals("endpoint")) {
                continue;
            }
            String ctx = e.value("context").orElse("default");
            if (!plan.hasContext(ctx)) {
                out.add("endpoint " + e.name() + " has unknown context " + ctx);
            }
            if (e.name().equals("trunk") && !svc.inboundContexts().contains(ctx)) {
                out.add("the trunk's context " + ctx + " is not one of switchboard.calls.inbound-contexts " + svc.inboundContexts());
            }
        }
        if (!endpoints(c).contains("trunk")) {
            out.add("pjsip.conf has no endpoint trunk");
        }
        boolean outbound = plan.steps("Dial").stream().anyMatch(s -> svc.outboundContexts().contains(s.context())
                && arg(s.args(), 0).endsWith("@trunk"));
        if (!outbound) {
            out.add("no context of switchboard.calls.outbound-contexts dials out through the trunk");
        }
        return out;
    }

    static List<String> routingInputs(ServiceSettings svc) {
        List<String> v = new ArrayList<>(svc.agiArgNames());
        v.addAll(svc.agiVariables());
        return v;
    }

    static Set<String> queueNames(PbxConfigSet c) {
        Set<String> out = new java.util.LinkedHashSet<>();
        c.asterisk("queues.conf").concreteSections().stream().map(AsteriskConf.Section::name)
                .filter(n -> !n.equals("general")).forEach(out::add);
        return out;
    }

    static Set<String> endpoints(PbxConfigSet c) {
        Set<String> out = new HashSet<>();
        c.asterisk("pjsip.conf").concreteSections().stream().filter(s -> s.value("type").orElse("").equals("endpoint"))
                .forEach(s -> out.add(s.name()));
        return out;
    }

    /** The i-th comma-separated argument (no nesting: dialplan arguments here are flat). */
    static String arg(String args, int i) {
        String[] p = args.split(",", -1);
        return i < p.length ? p[i].strip() : "";
    }
}
