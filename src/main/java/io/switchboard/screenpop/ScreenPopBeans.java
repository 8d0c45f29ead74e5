package io.switchboard.screenpop;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.DefaultBean;
import io.switchboard.metrics.MetricsConfig;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;

/**
 * Wires the screen-pop's sources from {@code switchboard.screenpop.*}. Each is a default bean:
 * an application that brings its own {@link CustomerDirectory}, {@link RecentCalls} or
 * {@link OpenTickets} bean replaces the built-in one.
 */
@Singleton
public class ScreenPopBeans {

    private static final Logger LOG = Logger.getLogger(ScreenPopBeans.class);

    @Produces
    @Singleton
    QueueTenants queueTenants(MetricsConfig metrics) {
        return QueueTenants.from(metrics);
    }

    @Produces
    @Singleton
    @DefaultBean
    CustomerDirectory customerDirectory(ScreenPopConfig config, AgroalDataSource dataSource, ObjectMapper mapper) {
        return switch (config.directory()) {
            case TABLE -> new TableCustomerDirectory(dataSource, mapper, config.enrichmentDeadline());
            case HTTP -> {
                HttpCustomerDirectory.Settings settings = HttpCustomerDirectory.Settings.from(config.http());
                LOG.infof("screen-pop customers from %s (timeout %s)", settings.url(), settings.timeout());
                yield new HttpCustomerDirectory(settings, mapper);
            }
        };
    }

    void closeDirectory(@Disposes CustomerDirectory directory) {
        directory.close();
    }

    @Produces
    @Singleton
    @DefaultBean
    RecentCalls recentCalls(ScreenPopConfig config, AgroalDataSource dataSource, QueueTenants tenants) {
        return new CallHistoryTable(dataSource, tenants, config.recentCalls().limit(), config.recentCalls().window(),
                config.enrichmentDeadline(), Clock.systemUTC());
    }

    @Produces
    @Singleton
    @DefaultBean
    OpenTickets openTickets(ScreenPopConfig config, AgroalDataSource dataSource) {
        return new TicketTable(dataSource, config.ticketsLimit(), config.enrichmentDeadline());
    }
}
