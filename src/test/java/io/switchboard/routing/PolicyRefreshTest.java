package io.switchboard.routing;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A policy saved by another instance (straight into the shared table) comes into force here by itself. */
@QuarkusTest
class PolicyRefreshTest {

    @Inject
    RoutingService routing;
    @Inject
    PolicyStore store;

    @AfterEach
    void shipped() {
        await().atMost(Duration.ofSeconds(10)).until(() -> routing.policy().version() == store.latest().version());
        routing.save(store.defaults(), routing.policy().version(), "test", "back to the shipped policy");
    }

    @Test
    void aVersionSavedElsewhereIsTakenIntoForce() {
        int before = routing.policy().version();
        RoutingPolicy elsewhere = new RoutingPolicy("billing", List.of(), Map.of(), Map.of(), Map.of());
        assertThat(store.save(elsewhere, before, "other-instance", "saved on another instance")).isPresent();

        await().atMost(Duration.ofSeconds(10)).until(() -> routing.policy().version() == before + 1);
        assertThat(routing.policy().policy().defaultQueue()).isEqualTo("billing");
        assertThat(routing.policy().savedBy()).isEqualTo("other-instance");
    }

    @Test
    void aVersionThisInstanceCannotRunIsSkipped() throws Exception {
        int before = routing.policy().version();
        RoutingPolicy unknown = new RoutingPolicy("support",
                List.of(new RoutingPolicy.Rule("x", null, "not-installed-here", List.of("support"), Map.of())),
                Map.of(), Map.of(), Map.of());
        assertThat(store.save(unknown, before, "other-instance", "needs a strategy this instance lacks")).isPresent();

        routing.refresh();
        assertThat(routing.policy().version()).isEqualTo(before);
        // a valid version after it is taken again
        assertThat(store.save(store.defaults(), before + 1, "other-instance", "fixed")).isPresent();
        await().atMost(Duration.ofSeconds(10)).until(() -> routing.policy().version() == before + 2);
    }
}
