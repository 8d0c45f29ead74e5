package io.switchboard.workflow;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped approval-route table at and around its thresholds (500 and 5,000); plain DMN engine, no service. */
class DiscountRouteTableTest {

    private static DmnEngine engine;
    private static DmnDecision decision;

    @BeforeAll
    static void parse() throws Exception {
        engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        try (InputStream in = DiscountRouteTableTest.class.getResourceAsStream("/bpmn/discount-approval-route.dmn")) {
            decision = engine.parseDecision("discount-approval-route", in);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0.01, team",
        "499.99, team",
        "500, manager",
        "500.01, manager",
        "4999.99, manager",
        "5000, manager",
        "5000.01, head",
        "1000000, head",
    })
    void routeByAmount(double amount, String route) {
        var result = engine.evaluateDecisionTable(decision, Variables.createVariables().putValue("amount", amount));
        assertThat(result.getSingleResult().<String>getSingleEntry()).isEqualTo(route);
    }
}
