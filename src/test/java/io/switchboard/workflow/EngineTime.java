package io.switchboard.workflow;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The engine's clock in a test: the job executor is paused while the test moves the clock, and
 * due timers of one process instance are run by the test itself, so nothing races it.
 */
public final class EngineTime implements AutoCloseable {

    private final ManagementService management;
    private final JobExecutor executor;
    private Instant now;

    public EngineTime(ProcessEngine engine) {
        this.management = engine.getManagementService();
        this.executor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
        executor.shutdown();
        // whole seconds: MySQL keeps the engine's due dates without fractions
        now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        ClockUtil.setCurrentTime(Date.from(now));
    }

    public Instant now() {
        return now;
    }

    /** Moves the clock on and runs the instance's timers due by then; returns how many ran. */
    public int advance(Duration by, String processInstanceId) {
        now = now.plus(by);
        ClockUtil.setCurrentTime(Date.from(now));
        int ran = 0;
        // one at a time, earliest first: an escalation removes the task's other timers
        for (Job next = nextDue(processInstanceId); next != null; next = nextDue(processInstanceId)) {
            management.executeJob(next.getId());
            ran++;
        }
        return ran;
    }

    private Job nextDue(String processInstanceId) {
        // "lower than" the next whole second: the driver sends the bound without its fraction
        List<Job> due = management.createJobQuery().processInstanceId(processInstanceId).timers()
                .duedateLowerThan(Date.from(now.plusSeconds(1))).orderByJobDuedate().asc().listPage(0, 1);
        return due.isEmpty() ? null : due.getFirst();
    }

    @Override
    public void close() {
        ClockUtil.reset();
        executor.start();
    }
}
