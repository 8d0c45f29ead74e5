package io.switchboard.pbx.freeswitch;

import io.switchboard.pbx.UnsafePbxValueException;

import java.util.regex.Pattern;

/**
 * Values placed into FreeSWITCH api arguments. Control characters never get here (the command is
 * refused before), but the argument syntax has its own framing: api arguments are split at spaces
 * with {@code '} quoting and {@code \} escapes, {@code {...}} opens originate's variable block,
 * {@code (...)} holds an application's argument. A value that would break out of its place is
 * refused ({@link UnsafePbxValueException}, nothing sent), never silently changed, except for the
 * two cases FreeSWITCH's variable block has an escape for: see {@link #varValue}.
 */
final class EslArgs {

    /** One argument: a leg uuid, an agent name, an extension, a context. */
    private static final Pattern WORD = Pattern.compile("[^\\s'\"\\\\{}()\\[\\]<>,;|&^$]+");
    /** A dial string keeps FreeSWITCH's own syntax ({@code [var=x]user/1001}, {@code sofia/gw/x,user/1}). */
    private static final Pattern DIAL = Pattern.compile("[^\\s'\"\\\\{}()&^$]+");
    private static final Pattern VAR_NAME = Pattern.compile("[A-Za-z0-9_]+");

    private EslArgs() {
    }

    static String word(String value, String what) {
        require(value, what);
        if (!WORD.matcher(value).matches()) {
            throw new UnsafePbxValueException(what + " contains a space or a character FreeSWITCH's argument syntax uses");
        }
        return value;
    }

    static String dial(String value, String what) {
        require(value, what);
        if (!DIAL.matcher(value).matches()) {
            throw new UnsafePbxValueException(what + " contains a space or a character FreeSWITCH's dial syntax uses");
        }
        return value;
    }

    static String varName(String name) {
        require(name, "channel variable name");
        if (!VAR_NAME.matcher(name).matches()) {
            throw new UnsafePbxValueException("channel variable name " + name + " is not letters, digits and _");
        }
        return name;
    }

    /**
     * A value inside originate's {@code {name=value,...}} block. Commas are escaped ({@code \,}:
     * the block's parser unescapes it, the api's space splitter leaves it alone) and a value with
     * spaces is single-quoted (the space splitter keeps it whole and drops the quotes). Braces,
     * quotes, backslashes and {@code $} (variable expansion) have no escape that survives both
     * parsers and are refused.
     */
    static String varValue(String value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '{' || c == '}' || c == '\'' || c == '"' || c == '\\' || c == '$') {
                throw new UnsafePbxValueException(what + " contains " + c + ", which FreeSWITCH's variable block cannot carry");
            }
        }
        String escaped = value.replace(",", "\\,");
        return escaped.indexOf(' ') >= 0 ? "'" + escaped + "'" : escaped;
    }

    private static void require(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " is missing");
        }
    }
}
