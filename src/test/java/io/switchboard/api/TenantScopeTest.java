package io.switchboard.api;

import io.switchboard.security.Actor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tenant a request works in, and where an admin's agent definition may go. */
class TenantScopeTest {

    private static Actor actor(String tenant) {
        return new Actor("u", Set.of("admin"), null, Set.of(), tenant);
    }

    @Test
    void theCallersTenant() {
        assertThat(TenantScope.of(actor("tenant-a"))).isEqualTo("tenant-a");
    }

    @Test
    void noTenantIsRefusedNotGuessed() {
        for (Actor a : new Actor[]{actor(null), actor(" "), null}) {
            assertThatThrownBy(() -> TenantScope.of(a)).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.status()).isEqualTo(403));
        }
    }

    @ParameterizedTest(name = "body tenant [{0}] by an admin of {1} -> {2}")
    @CsvSource(nullValues = "null", value = {
            "null,     tenant-a, tenant-a",
            "'',       tenant-a, tenant-a",
            "tenant-a, tenant-a, tenant-a",
            "tenant-b, tenant-a, 403",
            "default,  tenant-a, 403",
            "tenant-a, default,  403",
    })
    void agentDefinitionsStayInTheAdminsTenant(String requested, String adminTenant, String expected) {
        if (expected.equals("403")) {
            assertThatThrownBy(() -> TenantScope.forDefinition(requested, adminTenant))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(403);
                        assertThat(e.getMessage()).contains(requested).contains(adminTenant);
                    });
        } else {
            assertThat(TenantScope.forDefinition(requested, adminTenant)).isEqualTo(expected);
        }
    }
}
