package io.switchboard.simulator.esl;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One ESL message as read off a socket: its header lines (without the blank line that ends them)
 * and the body of {@code Content-Length} bytes (empty when there is none). The same framing
 * carries server messages ({@code Content-Type: ...}) and client commands, whose first line is
 * the command itself ({@code api status}) followed by optional {@code Name: value} lines.
 */
public record EslFrame(List<String> lines, byte[] body) {

    public EslFrame {
        lines = List.copyOf(lines);
        Objects.requireNonNull(body, "body");
    }

    /** Value of the first {@code Name: value} line with that name (case-insensitive), or null. */
    public String header(String name) {
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon == name.length() && line.regionMatches(true, 0, name, 0, colon)) {
                return line.substring(colon + 1).stripLeading();
            }
        }
        return null;
    }

    public String contentType() {
        return header("Content-Type");
    }

    /** The first line: the command of a client message. */
    public String firstLine() {
        return lines.isEmpty() ? "" : lines.get(0);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean isEvent() {
        String type = contentType();
        return type != null && type.startsWith("text/event-");
    }
}
