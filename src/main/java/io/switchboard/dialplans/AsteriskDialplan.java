package io.switchboard.dialplans;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an Asterisk dialplan file (extensions.conf syntax): sections, {@code exten =>} /
 * {@code same =>} lines with their priorities and applications, {@code include =>}, and the
 * contexts and queues the lines rely on. It checks what Asterisk would refuse or silently drop on
 * {@code dialplan reload}; it does not run the dialplan.
 */
public final class AsteriskDialplan {

    static final Pattern CONTEXT_NAME = Pattern.compile("[A-Za-z0-9_.+-]{1,79}");
    private static final Pattern SECTION = Pattern.compile("^\\[([^\\]]*)]\\s*(?:\\(([^)]*)\\))?$");
    private static final Pattern KEYWORD = Pattern.compile("^(exten|same|include|switch|ignorepat)\\s*=>?\\s*(.*)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PRIORITY = Pattern.compile("^(\\d+|n|hint|[ns]\\+\\d+)(\\([A-Za-z0-9_-]+\\))?$");
    private static final Pattern APP = Pattern.compile("^([A-Za-z][A-Za-z0-9_]*)\\s*(?:\\((.*)\\))?$");
    private static final Pattern LOCAL = Pattern.compile("Local/[^@,&)\\s/]+@([^/,&)\\s]+)",
            Pattern.CASE_INSENSITIVE);
    /** What the config file parser itself understands. */
    private static final Set<String> DIRECTIVES = Set.of("#include", "#tryinclude", "#exec");
    /** Sections that hold settings, not extensions. */
    private static final Set<String> SETTINGS = Set.of("general", "globals");

    private final Set<String> contexts = new LinkedHashSet<>();
    private final List<Reference> references = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private String context;
    private boolean settings;
    private final Set<String> extensions = new HashSet<>();
    private String lastExtension;

    private AsteriskDialplan() {
    }

    public static ParsedDialplan parse(String content) {
        AsteriskDialplan p = new AsteriskDialplan();
        String[] lines = DialplanText.lines(content);
        boolean inBlockComment = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (inBlockComment) {
                int end = line.indexOf("--;");
                if (end < 0) {
                    continue;
                }
                line = line.substring(end + 3);
                inBlockComment = false;
            }
            int block = line.indexOf(";--");
            if (block >= 0 && line.indexOf("--;", block + 3) < 0) {
                inBlockComment = true;
                line = line.substring(0, block);
            }
            p.line(i + 1, stripComment(line).trim());
        }
        return new ParsedDialplan(p.contexts, p.references, p.problems);
    }

    private void line(int n, String line) {
        if (line.isEmpty()) {
            return;
        }
        if (line.startsWith("#")) {
            String directive = line.split("\\s+")[0];
            if (!DIRECTIVES.contains(directive)) {
                problems.add(new Problem(n, "unknown directive " + directive));
            }
            return;
        }
        if (line.startsWith("[")) {
            section(n, line);
            return;
        }
        if (context == null && !settings) {
            problems.add(new Problem(n, "a line outside any [context]"));
            return;
        }
        if (settings) {
            return; // [general] and [globals] hold name = value settings
        }
        Matcher k = KEYWORD.matcher(line);
        if (!k.matches()) {
            problems.add(new Problem(n, "expected exten =>, same =>, include =>, switch => or ignorepat =>"));
            return;
        }
        String value = k.group(2).trim();
        switch (k.group(1).toLowerCase(Locale.ROOT)) {
            case "exten" -> exten(n, value);
            case "same" -> same(n, value);
            case "include" -> include(n, value);
            default -> { } // switch => and ignorepat => name no context of ours
        }
    }

    private void section(int n, String line) {
        Matcher m = SECTION.matcher(line);
        lastExtension = null;
        extensions.clear();
        if (!m.matches()) {
            problems.add(new Problem(n, "a section header is [name] or [name](options)"));
            context = null;
            settings = false;
            return;
        }
        String name = m.group(1).trim();
        settings = SETTINGS.contains(name.toLowerCase(Locale.ROOT));
        if (!CONTEXT_NAME.matcher(name).matches()) {
            problems.add(new Problem(n, "context name '" + name + "': 1-79 letters, digits, '_', '-', '.' or '+'"));
            context = null;
            return;
        }
        context = settings ? null : name;
        boolean template = m.group(2) != null && m.group(2).contains("!");
        if (!settings && !template) {
            contexts.add(name);
        }
    }

    private void exten(int n, String value) {
        List<String> parts = Args.split(value, ',', 3);
        if (parts.size() < 3 || parts.get(0).isBlank()) {
            problems.add(new Problem(n, "exten => needs extension,priority,application"));
            return;
        }
        String extension = parts.get(0).trim();
        String priority = parts.get(1).trim();
        if (!priority(n, priority)) {
            return;
        }
        if ((priority.startsWith("n") || priority.startsWith("s+")) && !extension.equals(lastExtension)
                && !extensions.contains(extension)) {
            problems.add(new Problem(n, "priority " + priority + " of extension " + extension
                    + " has no earlier priority to follow"));
        }
        extensions.add(extension);
        lastExtension = extension;
        if (!priority.equals("hint")) {
            application(n, parts.get(2).trim());
        }
    }

    private void same(int n, String value) {
        if (lastExtension == null) {
            problems.add(new Problem(n, "same => without an exten => before it in this context"));
            return;
        }
        List<String> parts = Args.split(value, ',', 2);
        if (parts.size() < 2) {
            problems.add(new Problem(n, "same => needs priority,application"));
            return;
        }
        if (priority(n, parts.get(0).trim())) {
            application(n, parts.get(1).trim());
        }
    }

    private boolean priority(int n, String priority) {
        if (!PRIORITY.matcher(priority).matches() || priority.equals("0")) {
            problems.add(new Problem(n, "priority '" + priority + "' is not a number from 1, n, n(label) or hint"));
            return false;
        }
        return true;
    }

    private void include(int n, String value) {
        String target = value.split("[,|]", 2)[0].trim(); // an include may carry a time range after the name
        if (target.isEmpty()) {
            problems.add(new Problem(n, "include => needs a context name"));
        } else if (!target.contains("$")) {
            references.add(Reference.context(n, target, "include"));
        }
    }

    private void application(int n, String text) {
        Matcher m = APP.matcher(text);
        if (!m.matches()) {
            problems.add(new Problem(n, "application '" + text + "' is not Name(arguments)"));
            return;
        }
        String args = m.group(2) == null ? "" : m.group(2);
        if (!Args.balanced(args)) {
            problems.add(new Problem(n, "unbalanced parentheses or brackets in " + m.group(1) + "(...)"));
            return;
        }
        String app = m.group(1).toLowerCase(Locale.ROOT);
        switch (app) {
            case "goto", "gosub" -> jump(n, m.group(1), args);
            case "gotoif", "gosubif", "gotoiftime", "execiftime" -> {
                int q = Args.topLevel(args, '?');
                if (q >= 0) {
                    for (String branch : Args.split(args.substring(q + 1), ':', 2)) {
                        jump(n, m.group(1), branch);
                    }
                }
            }
            case "queue" -> {
                String queue = Args.split(args, ',', 2).get(0).trim();
                if (queue.isEmpty()) {
                    problems.add(new Problem(n, "Queue() needs a queue name"));
                } else if (!queue.contains("$")) {
                    references.add(Reference.queue(n, queue, "Queue(" + queue + ")"));
                }
            }
            default -> { }
        }
        Matcher local = LOCAL.matcher(args);
        while (local.find()) {
            if (!local.group(1).contains("$")) {
                references.add(Reference.context(n, local.group(1), m.group(1) + " Local/...@" + local.group(1)));
            }
        }
    }

    /** context,extension,priority names a context; extension,priority and a lone label stay in this one. */
    private void jump(int n, String app, String target) {
        List<String> parts = Args.split(target.trim(), ',', 3);
        if (parts.size() == 3) {
            String ctx = parts.get(0).trim();
            if (!ctx.isEmpty() && !ctx.contains("$")) {
                references.add(Reference.context(n, ctx, app + "(" + ctx + ",...)"));
            }
        }
    }

    /** Drops a {@code ;} comment; {@code \;} is a literal semicolon. */
    private static String stripComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == ';' && (i == 0 || line.charAt(i - 1) != '\\')) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
