package io.switchboard.workflow;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class EngineBootTest {

    @Inject
    ProcessEngine engine;

    @Test
    void engineRunsOnTheServiceDatabaseWithFullHistory() {
        var config = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(config.getDatabaseType()).isIn("mysql", "mariadb");
        assertThat(config.getHistory()).isEqualTo(ProcessEngineConfiguration.HISTORY_FULL);
        assertThat(config.getJobExecutor().isActive()).isTrue();
    }
}
