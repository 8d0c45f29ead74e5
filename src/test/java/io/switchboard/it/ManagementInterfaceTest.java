package io.switchboard.it;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

/**
 * Health and Prometheus answer on the management interface without an account, and the API port
 * does not serve them at all.
 */
@QuarkusTest
class ManagementInterfaceTest {

    // the management URL ends in its root path /q
    @TestHTTPResource(value = "/", management = true)
    URL managementRoot;
    @TestHTTPResource("/")
    URL mainRoot;

    private String management() {
        return "http://" + managementRoot.getHost() + ":" + managementRoot.getPort() + "/";
    }

    private String main() {
        return "http://" + mainRoot.getHost() + ":" + mainRoot.getPort() + "/";
    }

    @Test
    void healthAndMetricsAnswerOnTheManagementPortWithoutAnAccount() {
        assertThat(managementRoot.getPort()).as("a port of its own").isNotEqualTo(mainRoot.getPort()).isPositive();
        given().get(management() + "q/health/live").then().statusCode(200);
        given().get(management() + "q/health/ready").then().body("checks.name", hasItem("pbx-nodes"));
        given().get(management() + "q/health").then().body("checks.name", hasItem("pbx-nodes"));
        given().get(management() + "q/metrics").then().statusCode(200)
                .body(containsString("switchboard_pbx_connected"));
    }

    @Test
    void theApiPortDoesNotServeThem() {
        for (String path : List.of("q/health", "q/health/live", "q/health/ready", "q/metrics")) {
            int status = given().get(main() + path).then().extract().statusCode();
            assertThat(status).as(path + " on the API port").isIn(401, 404);
        }
    }

    @Test
    void testRunsTakeAFreeManagementPort() {
        // 0 in the test profile: the port the interface got is what the URL above names
        assertThat(ConfigProvider.getConfig().getOptionalValue("quarkus.management.test-port", Integer.class))
                .hasValueSatisfying(p -> assertThat(p).isEqualTo(managementRoot.getPort()));
    }
}
