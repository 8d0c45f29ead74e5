package io.switchboard.screenpop;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** {@code switchboard.screenpop.*}: the card an agent's desktop gets when its phone is offered a call. */
@ConfigMapping(prefix = "switchboard.screenpop")
public interface ScreenPopConfig {

    @WithDefault("true")
    boolean enabled();

    /** Where customers are looked up: the built-in {@code customers} table or an HTTP service. */
    @WithDefault("table")
    DirectoryKind directory();

    Http http();

    /**
     * Each part of the enrichment (directory, recent calls, open tickets) is given up after this,
     * on its own: what arrived in time is still shown.
     */
    @WithDefault("1500ms")
    Duration enrichmentDeadline();

    RecentCalls recentCalls();

    /** Open tickets shown at most. */
    @WithDefault("10")
    int ticketsLimit();

    /** Enrichments running at once; beyond it a card is shown without one (counted). */
    @WithDefault("256")
    int maxConcurrentEnrichments();

    /** Calls whose IVR data and cards are kept per node; the oldest are forgotten beyond it. */
    @WithDefault("20000")
    int maxCallsPerNode();

    enum DirectoryKind {
        TABLE, HTTP
    }

    interface Http {
        /** The directory's lookup URL; queried as {@code GET <url>?number=…&customerId=…&accountId=…&tenant=…}. */
        Optional<String> url();

        @WithDefault("800ms")
        Duration timeout();

        /** Sent as the {@code Authorization} header when set; never logged. */
        Optional<String> authorization();

        CircuitBreaker circuitBreaker();
    }

    interface CircuitBreaker {
        /** Lookups in the rolling window the failure ratio is judged on. */
        @WithDefault("10")
        int requestVolume();

        /** Share of failed lookups (errors, timeouts, 5xx) in the window that opens the circuit. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long an open circuit fails lookups at once before one trial lookup is let through. */
        @WithDefault("10s")
        Duration delay();

        /** Successful trial lookups that close the circuit again. */
        @WithDefault("2")
        int successThreshold();
    }

    interface RecentCalls {
        /** The caller's last calls shown at most. */
        @WithDefault("5")
        int limit();

        /** How far back they are looked for. */
        @WithDefault("90d")
        Duration window();
    }
}
