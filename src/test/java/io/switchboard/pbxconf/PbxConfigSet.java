package io.switchboard.pbxconf;

import org.w3c.dom.Document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The shipped PBX configuration under one root ({@code asterisk-conf/}, {@code freeswitch-conf/},
 * {@code dialplans/asterisk/}, {@code dialplans/freeswitch/}) with the places they are mounted at:
 * /etc/asterisk/dialplans = dialplans/asterisk, /etc/freeswitch/dialplan/switchboard = dialplans/freeswitch.
 */
record PbxConfigSet(Path root, ServiceSettings service) {

    Path asteriskConf() {
        return root.resolve("asterisk-conf");
    }

    Path asteriskDialplans() {
        return root.resolve("dialplans/asterisk");
    }

    Path freeswitchConf() {
        return root.resolve("freeswitch-conf");
    }

    Path freeswitchDialplans() {
        return root.resolve("dialplans/freeswitch");
    }

    /** Where FreeSWITCH sees the mounted dialplans, inside the overlay. */
    Path freeswitchDialplanMount() {
        return freeswitchConf().resolve("dialplan/switchboard");
    }

    AsteriskConf asterisk(String name) {
        return AsteriskConf.read(asteriskConf().resolve(name));
    }

    List<AsteriskConf> asteriskFiles() {
        List<AsteriskConf> out = new ArrayList<>();
        files(asteriskConf(), ".conf").forEach(p -> out.add(AsteriskConf.read(p)));
        files(asteriskDialplans(), ".conf").forEach(p -> out.add(AsteriskConf.read(p)));
        return out;
    }

    /** The files an Asterisk #include pattern names, relative to /etc/asterisk. */
    List<Path> asteriskInclude(String pattern) {
        Path base = pattern.startsWith("dialplans/") ? asteriskDialplans() : asteriskConf();
        String rest = pattern.startsWith("dialplans/") ? pattern.substring("dialplans/".length()) : pattern;
        return glob(base, rest);
    }

    /** extensions.conf and the files it includes, as one dialplan. */
    AsteriskDialplan asteriskDialplan() {
        AsteriskConf root = asterisk("extensions.conf");
        List<AsteriskConf> files = new ArrayList<>();
        files.add(root);
        for (AsteriskConf.Include inc : root.includes()) {
            asteriskInclude(inc.pattern()).forEach(p -> files.add(AsteriskConf.read(p)));
        }
        return new AsteriskDialplan(files);
    }

    /** The files a FreeSWITCH X-PRE-PROCESS include names, relative to the including file. */
    List<Path> freeswitchInclude(Path includingFile, String pattern) {
        Path target = includingFile.getParent().resolve(pattern).normalize();
        Path dir = target.getParent();
        if (dir.equals(freeswitchDialplanMount())) {
            dir = freeswitchDialplans();
        }
        return glob(dir, target.getFileName().toString());
    }

    List<Path> freeswitchFiles() {
        List<Path> out = new ArrayList<>(files(freeswitchConf(), ".xml"));
        out.addAll(files(freeswitchDialplans(), ".xml"));
        return out;
    }

    Document freeswitch(String relative) {
        try {
            return FreeSwitchConf.parse(freeswitchConf().resolve(relative));
        } catch (Exception e) {
            throw new IllegalStateException(relative + ": " + e.getMessage(), e);
        }
    }

    Map<String, String> freeswitchVars() {
        return FreeSwitchConf.vars(freeswitch("vars.xml"));
    }

    /** The overlay's dialplan root and the files it includes. */
    Map<String, List<FreeSwitchConf.Extension>> freeswitchDialplan() {
        Map<Path, Document> docs = new LinkedHashMap<>();
        for (Path root : files(freeswitchConf().resolve("dialplan"), ".xml")) {
            Document doc = parse(root);
            docs.put(root, doc);
            for (var inc : FreeSwitchConf.elements(doc, "X-PRE-PROCESS")) {
                if (inc.getAttribute("cmd").equals("include")) {
                    freeswitchInclude(root, inc.getAttribute("data")).forEach(p -> docs.put(p, parse(p)));
                }
            }
        }
        return FreeSwitchConf.contexts(docs);
    }

    static Document parse(Path file) {
        try {
            return FreeSwitchConf.parse(file);
        } catch (Exception e) {
            throw new IllegalStateException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    static List<Path> files(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> glob(Path dir, String pattern) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p) && m.matches(p.getFileName())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
