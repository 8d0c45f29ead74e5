package io.switchboard.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test observer: every SLA breach the processes fire. */
@ApplicationScoped
public class SlaBreaches {

    private final List<SlaBreached> seen = new CopyOnWriteArrayList<>();

    void on(@Observes SlaBreached b) {
        seen.add(b);
    }

    public List<SlaBreached> of(String processInstanceId) {
        return seen.stream().filter(b -> b.processInstanceId().equals(processInstanceId)).toList();
    }
}
