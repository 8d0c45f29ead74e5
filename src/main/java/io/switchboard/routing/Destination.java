package io.switchboard.routing;

/**
 * A place in the dialplan, PBX-neutral: Asterisk renders it as {@code context,extension,1},
 * FreeSWITCH as {@code extension XML context}.
 */
public record Destination(String context, String extension) {
    public Destination {
        if (context == null || context.isBlank() || extension == null || extension.isBlank()) {
            throw new IllegalArgumentException("a destination needs a context and an extension");
        }
    }

    public String asterisk() {
        return context + "," + extension + ",1";
    }

    public String freeswitch() {
        return extension + " XML " + context;
    }
}
