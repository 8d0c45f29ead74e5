package io.switchboard.simulator.esl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of {@code originate <call url> <exten>|&<app>(<args>) [<dialplan>] [<context>]},
 * read the way FreeSWITCH 1.10 reads them: split at spaces outside single quotes (quotes dropped,
 * {@code \'}, {@code \"}, {@code \s} unescaped, other escapes kept), then the call url's leading
 * {@code {name=value,...}} block split at commas that are not escaped ({@code \,} becomes a comma).
 *
 * @param app    the application of {@code &app(args)}, or null when the target is an extension
 * @param target the application's argument, or the extension
 */
record EslOriginateArgs(Map<String, String> vars, String dial, String app, String target, String dialplan,
                        String context) {

    static final String USAGE = "-USAGE: <call url> <exten>|&<application_name>(<app_args>) [<dialplan>] [<context>] "
            + "[<cid_name>] [<cid_num>] [<timeout_sec>]\n";

    /** The parsed arguments, or null when they do not make an originate (answered with {@link #USAGE}). */
    static EslOriginateArgs parse(String args) {
        List<String> argv = split(args);
        if (argv.size() < 2 || argv.get(0).isEmpty()) {
            return null;
        }
        String url = argv.get(0);
        Map<String, String> vars = new LinkedHashMap<>();
        while (!url.isEmpty() && (url.charAt(0) == '{' || url.charAt(0) == '[' || url.charAt(0) == '<')) {
            int end = end(url);
            if (end < 0) {
                return null;
            }
            vars.putAll(pairs(url.substring(1, end)));
            url = url.substring(end + 1);
        }
        String target = argv.get(1);
        String app = null;
        if (target.startsWith("&")) {
            int open = target.indexOf('(');
            app = open < 0 ? target.substring(1) : target.substring(1, open);
            target = open < 0 ? "" : target.substring(open + 1, target.endsWith(")") ? target.length() - 1 : target.length());
        }
        String dialplan = argv.size() > 2 ? argv.get(2) : "XML";
        String context = argv.size() > 3 ? argv.get(3) : "default";
        return new EslOriginateArgs(vars, url, app, target, dialplan, context);
    }

    /** The api's space splitter (separate_string_blank_delim and its clean-up). */
    static List<String> split(String args) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        String s = args.strip();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                switch (n) {
                    case '\'', '"' -> cur.append(n);
                    case 's' -> cur.append(' ');
                    default -> cur.append('\\').append(n);
                }
                any = true;
            } else if (c == '\'') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else {
                cur.append(c);
                any = true;
            }
        }
        if (any) {
            out.add(cur.toString());
        }
        return out;
    }

    /** The index of the bracket closing the block that opens {@code url}, or -1. */
    private static int end(String url) {
        char open = url.charAt(0);
        char close = open == '{' ? '}' : open == '[' ? ']' : '>';
        int depth = 0;
        for (int i = 0; i < url.length(); i++) {
            if (url.charAt(i) == open) {
                depth++;
            } else if (url.charAt(i) == close && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** {@code a=1,b=x\,y}: split at unescaped commas, then at the first {@code =}. */
    private static Map<String, String> pairs(String block) {
        Map<String, String> vars = new LinkedHashMap<>();
        StringBuilder cur = new StringBuilder();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < block.length(); i++) {
            char c = block.charAt(i);
            if (c == '\\' && i + 1 < block.length() && block.charAt(i + 1) == ',') {
                cur.append(',');
                i++;
            } else if (c == ',') {
                items.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        items.add(cur.toString());
        for (String item : items) {
            int eq = item.indexOf('=');
            if (eq > 0) {
                vars.put(item.substring(0, eq).strip(), item.substring(eq + 1).strip());
            }
        }
        return vars;
    }
}
