package io.switchboard.dialplans;

import java.util.Locale;
import java.util.Optional;

/** The PBX a dialplan is written for; its id is also the node type in {@code switchboard.pbx.<node>.type}. */
public enum DialplanType {
    ASTERISK("asterisk", ".conf"),
    FREESWITCH("freeswitch", ".xml");

    private final String id;
    private final String extension;

    DialplanType(String id, String extension) {
        this.id = id;
        this.extension = extension;
    }

    public String id() {
        return id;
    }

    /** File name extension of a deployed dialplan ({@code <name>.conf} / {@code <name>.xml}). */
    public String extension() {
        return extension;
    }

    public static Optional<DialplanType> of(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (DialplanType t : values()) {
            if (t.id.equals(wanted)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
