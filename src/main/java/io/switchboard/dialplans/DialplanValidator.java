package io.switchboard.dialplans;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates one dialplan against the others of its PBX type: syntax and structure first, then
 * every context it jumps to or includes must be defined by some dialplan of that type (the edited
 * one counting with its new text) or be one the PBX has itself, and every queue must be known.
 */
public final class DialplanValidator {

    private DialplanValidator() {
    }

    /** What the check needs to know besides the text. */
    public record Known(Set<String> builtinContexts, Set<String> queues, int maxBytes) {
        public Known {
            builtinContexts = Set.copyOf(builtinContexts);
            queues = Set.copyOf(queues);
        }
    }

    /**
     * @param others the other stored dialplans of the same type (without the edited one)
     * @return every problem, by line; empty = valid
     */
    public static List<Problem> validate(DialplanType type, String content, Collection<String> others, Known known) {
        List<Problem> text = DialplanText.check(content, known.maxBytes());
        if (!text.isEmpty()) {
            return text;
        }
        ParsedDialplan parsed = parse(type, content);
        List<Problem> out = new ArrayList<>(parsed.problems());
        Set<String> defined = new HashSet<>(parsed.contexts());
        defined.addAll(known.builtinContexts());
        for (String other : others) {
            defined.addAll(parse(type, other).contexts());
        }
        for (Reference r : parsed.references()) {
            switch (r.kind()) {
                case CONTEXT -> {
                    if (!defined.contains(r.target())) {
                        out.add(new Problem(r.line(), r.via() + ": context '" + r.target()
                                + "' is not defined by any " + type.id() + " dialplan"));
                    }
                }
                case QUEUE -> {
                    if (!known.queues().contains(r.target())) {
                        out.add(new Problem(r.line(), r.via() + ": queue '" + r.target()
                                + "' is not a known queue (switchboard.dialplans.known-queues or an agent's queues)"));
                    }
                }
            }
        }
        out.sort(null);
        return List.copyOf(out);
    }

    public static ParsedDialplan parse(DialplanType type, String content) {
        return switch (type) {
            case ASTERISK -> AsteriskDialplan.parse(content);
            case FREESWITCH -> FreeSwitchDialplan.parse(content);
        };
    }
}
