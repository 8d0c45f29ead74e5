package io.switchboard.dialplans;

import java.util.List;
import java.util.Set;

/** What a parser found: the contexts a dialplan defines, the names it relies on, and syntax problems. */
public record ParsedDialplan(Set<String> contexts, List<Reference> references, List<Problem> problems) {
    public ParsedDialplan {
        contexts = Set.copyOf(contexts);
        references = List.copyOf(references);
        problems = List.copyOf(problems);
    }
}
