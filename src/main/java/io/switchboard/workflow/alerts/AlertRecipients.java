package io.switchboard.workflow.alerts;

import io.switchboard.workflow.SlaBreached;

import java.util.List;
import java.util.Optional;

/** Who a breach alerts: the task's assignee, or when nobody holds it the people of its candidate groups. */
public interface AlertRecipients {

    List<AlertContact> of(SlaBreached breach);

    Optional<AlertContact> contact(String tenant, String username);
}
