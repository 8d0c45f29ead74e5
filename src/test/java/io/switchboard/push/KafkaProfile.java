package io.switchboard.push;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/** The test setup plus the kafka profile, against a broker started in the test JVM. */
public class KafkaProfile implements QuarkusTestProfile {

    @Override
    public String getConfigProfile() {
        return "test,kafka";
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(EmbeddedKafka.class));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.log.category.\"kafka\".level", "WARN",
                "quarkus.log.category.\"org.apache.kafka\".level", "WARN",
                "quarkus.log.category.\"state.change.logger\".level", "WARN");
    }
}
