package io.switchboard.workflow.deploy;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** SLA timers depend on how long job acquisition may idle: the service's setting reaches the engine. */
@QuarkusTest
class JobAcquisitionTest {

    @Inject
    ProcessEngine engine;

    @Test
    void jobAcquisitionIdlesAtMostOneSecond() {
        var executor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
        assertThat(executor.getWaitTimeInMillis()).isEqualTo(1_000);
        assertThat(executor.getMaxWait()).isEqualTo(1_000L);
    }
}
