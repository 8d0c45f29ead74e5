package io.switchboard.dialplans;

/** A name a dialplan line relies on: a context it jumps to or includes, or a queue it sends callers to. */
public record Reference(int line, Kind kind, String target, String via) {

    public enum Kind { CONTEXT, QUEUE }

    static Reference context(int line, String target, String via) {
        return new Reference(line, Kind.CONTEXT, target, via);
    }

    static Reference queue(int line, String target, String via) {
        return new Reference(line, Kind.QUEUE, target, via);
    }
}
