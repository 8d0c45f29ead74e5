package io.switchboard.pbxconf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every consistency check of the shipped PBX configuration, by name; each returns its problems. */
final class PbxConfigChecks {

    /** Contexts of the shared conventions besides the service's own settings: closed hours. */
    static final List<String> CONVENTION_CONTEXTS = List.of("closed");

    /** Secret-bearing settings must be placeholders the container fills from the environment. */
    static final Pattern PLACEHOLDER = Pattern.compile("__SWITCHBOARD_[A-Z_]+__");
    static final List<String> DEFAULT_SECRETS = List.of("ClueCon", "1234", "mwtest-secret", "switchboard-demo");

    private PbxConfigChecks() {
    }

    static Map<String, Function<PbxConfigSet, List<String>>> all(Path projectRoot) {
        Map<String, Function<PbxConfigSet, List<String>>> m = new LinkedHashMap<>();
        m.put("asterisk files parse and includes resolve", AsteriskChecks::filesParse);
        m.put("asterisk queues exist and are in the queue context", AsteriskChecks::queues);
        m.put("asterisk queue members reach PJSIP phones", AsteriskChecks::members);
        m.put("asterisk jump and dial targets exist", AsteriskChecks::jumps);
        m.put("asterisk routing follows the FastAGI contract", AsteriskChecks::routing);
        m.put("asterisk trunk enters an inbound context", AsteriskChecks::trunk);
        m.put("AMI user, classes and event filters fit the service", c -> AmiChecks.check(c, projectRoot));
        m.put("freeswitch files are well-formed and includes resolve", FreeSwitchChecks::filesParse);
        m.put("freeswitch queues exist and are in the queue context", FreeSwitchChecks::queues);
        m.put("freeswitch agents have users, tiers and the service's wrap-up", FreeSwitchChecks::agents);
        m.put("freeswitch transfer and bridge targets exist", FreeSwitchChecks::jumps);
        m.put("freeswitch routing follows the outbound socket contract", FreeSwitchChecks::routing);
        m.put("freeswitch event socket is protected", FreeSwitchChecks::eventSocket);
        m.put("freeswitch trunk enters an inbound context", FreeSwitchChecks::trunk);
        m.put("service places exist in both dialplans", PbxConfigChecks::servicePlaces);
        m.put("secrets are placeholders", PbxConfigChecks::secrets);
        return m;
    }

    /**
     * The queue context with the default queue, every divert place of the routing policy, the CTI
     * default context, the conventions' closed context and the SLA alert calls' place exist on both PBXs.
     */
    static List<String> servicePlaces(PbxConfigSet c) {
        List<String> out = new ArrayList<>();
        ServiceSettings svc = c.service();
        AsteriskDialplan ast = c.asteriskDialplan();
        var fs = c.freeswitchDialplan();
        Map<String, String> places = new LinkedHashMap<>();
        places.put(svc.queueContext(), svc.defaultQueue());
        svc.placeContexts().forEach(p -> places.put(p, "s"));
        CONVENTION_CONTEXTS.forEach(p -> places.put(p, "s"));
        places.put(svc.alertContext(), svc.alertExtension());
        places.forEach((ctx, ext) -> {
            if (ast.extension(ctx, ext).isEmpty()) {
                out.add("Asterisk dialplan has no " + ext + "@" + ctx);
            }
            if (FreeSwitchConf.extension(fs, ctx, ext).isEmpty()) {
                out.add("FreeSWITCH dialplan has no " + ext + "@" + ctx);
            }
        });
        String cti = svc.ctiDefaultContext();
        if (!ast.hasContext(cti)) {
            out.add("Asterisk dialplan has no context " + cti + " (switchboard.cti.default-context)");
        }
        if (!fs.containsKey(cti)) {
            out.add("FreeSWITCH dialplan has no context " + cti + " (switchboard.cti.default-context)");
        }
        return out;
    }

    /** AMI secret, SIP passwords and the ESL password are placeholders; no default secret anywhere. */
    static List<String> secrets(PbxConfigSet c) {
        List<String> out = new ArrayList<>();
        c.asterisk("manager.conf").concreteSections().forEach(s -> s.value("secret").ifPresent(v -> placeholder(out, "manager.conf [" + s.name() + "] secret", v)));
        c.asterisk("pjsip.conf").concreteSections().forEach(s -> s.value("password").ifPresent(v -> placeholder(out, "pjsip.conf [" + s.name() + "] password", v)));
        Map<String, String> vars = c.freeswitchVars();
        for (String v : List.of("esl_password", "default_password", "trunk_password")) {
            placeholder(out, "vars.xml " + v, vars.getOrDefault(v, ""));
        }
        List<Path> files = new ArrayList<>(c.freeswitchFiles());
        files.addAll(PbxConfigSet.files(c.asteriskConf(), ".conf"));
        files.addAll(PbxConfigSet.files(c.asteriskDialplans(), ".conf"));
        for (Path f : files) {
            String text = read(f);
            for (String d : DEFAULT_SECRETS) {
                Matcher m = Pattern.compile("(secret|password)\\s*=?\\s*\"?(value=\")?" + Pattern.quote(d) + "\\b").matcher(text);
                if (m.find() || text.contains("=" + d + "\"")) {
                    out.add(f.getFileName() + " uses the well-known secret " + d);
                }
            }
        }
        return out;
    }

    private static void placeholder(List<String> out, String what, String value) {
        if (!PLACEHOLDER.matcher(value).matches()) {
            out.add(what + " is '" + value + "', not a __SWITCHBOARD_..._ placeholder filled from the environment");
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
