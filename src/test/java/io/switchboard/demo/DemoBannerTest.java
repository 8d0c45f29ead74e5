package io.switchboard.demo;

import io.switchboard.security.DemoCredentials;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoBannerTest {

    @Test
    void listsEveryDemoLoginWithRolesAndThePages() {
        String text = DemoBanner.text(8080);
        for (DemoCredentials.DemoUser u : DemoCredentials.USERS) {
            assertThat(text).containsPattern("(?m)^  " + u.username() + " +" + u.password() + " +"
                    + String.join(",", u.roles()) + " ");
        }
        assertThat(text).contains("http://localhost:8080/agent", "http://localhost:8080/admin",
                "http://localhost:8080/wallboard", "dev mode only");
    }
}
