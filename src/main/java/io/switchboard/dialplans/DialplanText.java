package io.switchboard.dialplans;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks every dialplan passes before it is parsed: names, size, and characters no PBX config
 * file should hold (NUL ends a C string early; a CR-only line end makes Asterisk see one long line).
 */
public final class DialplanText {

    /** A dialplan name is also a file base name on the PBX: no path parts, no control characters. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private DialplanText() {
    }

    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public static Optional<String> nameProblem(String name) {
        return validName(name) ? Optional.empty()
                : Optional.of("a dialplan name is 1-64 letters, digits, '_' or '-' (it becomes a file name)");
    }

    /** Problems with the text as a whole; parsing only starts when there are none. */
    public static List<Problem> check(String content, int maxBytes) {
        List<Problem> out = new ArrayList<>();
        if (content == null || content.isBlank()) {
            out.add(new Problem(0, "the dialplan is empty"));
            return out;
        }
        int bytes = content.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            out.add(new Problem(0, "the dialplan is " + bytes + " bytes, more than the " + maxBytes
                    + " allowed (switchboard.dialplans.max-bytes)"));
            return out;
        }
        int line = 1;
        boolean nul = false;
        boolean loneCr = false;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c == 0 && !nul) {
                nul = true;
                out.add(new Problem(line, "contains a NUL character"));
            } else if (c == '\r' && (i + 1 >= content.length() || content.charAt(i + 1) != '\n') && !loneCr) {
                loneCr = true;
                out.add(new Problem(line, "a carriage return without a line feed: use LF or CRLF line ends"));
            } else if (c == '\n') {
                line++;
            }
        }
        return out;
    }

    /** The text split into lines, CRLF or LF. */
    static String[] lines(String content) {
        return content.split("\r?\n", -1);
    }
}
