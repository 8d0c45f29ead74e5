package io.switchboard.pbxconf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The contexts of extensions.conf and the files it includes: every {@code exten =>} / {@code same =>}
 * line as a {@link Step} (extension, priority label, application, arguments), and Asterisk's
 * extension pattern matching ({@code _X N Z [..] . !}) to tell whether a jump target exists.
 */
final class AsteriskDialplan {

    record Step(String context, String exten, String label, String app, String args, String where) {
    }

    private static final Pattern STEP = Pattern.compile("([^,]+),\\s*([^,(]+)(?:\\(([^)]*)\\))?,\\s*(\\w+)\\s*(?:\\((.*)\\))?\\s*");
    private static final Pattern SAME = Pattern.compile("([^,(]+)(?:\\(([^)]*)\\))?,\\s*(\\w+)\\s*(?:\\((.*)\\))?\\s*");
    private static final Pattern HINT = Pattern.compile("([^,]+),\\s*hint,.*");

    private final Map<String, List<Step>> contexts = new LinkedHashMap<>();
    private final Map<String, List<String>> includes = new LinkedHashMap<>();
    private final Map<String, String> globals = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    AsteriskDialplan(List<AsteriskConf> files) {
        for (AsteriskConf f : files) {
            for (AsteriskConf.Section s : f.sections()) {
                if (s.name().equals("general")) {
                    continue;
                }
                if (s.name().equals("globals")) {
                    s.entries().forEach(e -> globals.put(e.key(), e.value()));
                    continue;
                }
                read(f, s);
            }
        }
    }

    private void read(AsteriskConf f, AsteriskConf.Section s) {
        if (contexts.containsKey(s.name())) {
            problems.add(AsteriskConf.where(f.file(), s.line()) + "context " + s.name() + " defined twice");
        }
        List<Step> steps = contexts.computeIfAbsent(s.name(), k -> new ArrayList<>());
        includes.computeIfAbsent(s.name(), k -> new ArrayList<>());
        String exten = null;
        for (AsteriskConf.Entry e : s.entries()) {
            String where = AsteriskConf.where(f.file(), e.line());
            switch (e.key().toLowerCase()) {
                case "exten" -> {
                    if (HINT.matcher(e.value()).matches()) {
                        continue;
                    }
                    Matcher m = STEP.matcher(e.value());
                    if (!m.matches()) {
                        problems.add(where + "malformed exten line: " + e.value());
                        continue;
                    }
                    exten = m.group(1).strip();
                    steps.add(new Step(s.name(), exten, m.group(3), m.group(4), nullToEmpty(m.group(5)), where));
                }
                case "same" -> {
                    Matcher m = SAME.matcher(e.value());
                    if (exten == null) {
                        problems.add(where + "same => before any exten => in context " + s.name());
                    } else if (!m.matches()) {
                        problems.add(where + "malformed same line: " + e.value());
                    } else {
                        steps.add(new Step(s.name(), exten, m.group(2), m.group(3), nullToEmpty(m.group(4)), where));
                    }
                }
                case "include" -> includes.get(s.name()).add(e.value().strip());
                default -> problems.add(where + "unexpected setting in a dialplan context: " + e.key());
            }
        }
    }

    Map<String, List<Step>> contexts() {
        return contexts;
    }

    Map<String, List<String>> includes() {
        return includes;
    }

    Map<String, String> globals() {
        return globals;
    }

    List<String> problems() {
        return problems;
    }

    boolean hasContext(String name) {
        return contexts.containsKey(name);
    }

    List<Step> steps() {
        return contexts.values().stream().flatMap(List::stream).toList();
    }

    List<Step> steps(String app) {
        return steps().stream().filter(s -> s.app().equalsIgnoreCase(app)).toList();
    }

    /** The steps of the extension that {@code dialled} reaches in {@code context} (with includes). */
    Optional<List<Step>> extension(String context, String dialled) {
        List<Step> steps = contexts.get(context);
        if (steps == null) {
            return Optional.empty();
        }
        List<Step> hit = steps.stream().filter(s -> matches(s.exten(), dialled)).toList();
        if (!hit.isEmpty()) {
            String exten = hit.get(0).exten();
            return Optional.of(hit.stream().filter(s -> s.exten().equals(exten)).toList());
        }
        for (String inc : includes.getOrDefault(context, List.of())) {
            Optional<List<Step>> found = extension(inc, dialled);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    boolean hasLabel(String context, String label) {
        return contexts.getOrDefault(context, List.of()).stream().anyMatch(s -> label.equals(s.label()));
    }

    /** {@code ${NAME}} of the [globals] section replaced; other expressions stay. */
    String resolveGlobals(String text) {
        String out = text;
        for (Map.Entry<String, String> g : globals.entrySet()) {
            out = out.replace("${" + g.getKey() + "}", g.getValue());
        }
        return out;
    }

    /** Asterisk's matching of a dialled string against an extension name or {@code _pattern}. */
    static boolean matches(String exten, String dialled) {
        if (!exten.startsWith("_")) {
            return exten.equals(dialled);
        }
        StringBuilder re = new StringBuilder();
        String p = exten.substring(1);
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            switch (Character.toUpperCase(c)) {
                case 'X' -> re.append("[0-9]");
                case 'Z' -> re.append("[1-9]");
                case 'N' -> re.append("[2-9]");
                case '.' -> re.append(".+");
                case '!' -> re.append(".*");
                case '[' -> {
                    int end = p.indexOf(']', i);
                    re.append('[').append(p.substring(i + 1, end).replace("\\", "\\\\")).append(']');
                    i = end;
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return dialled.matches(re.toString());
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
