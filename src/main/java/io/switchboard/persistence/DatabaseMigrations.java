package io.switchboard.persistence;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/** Applies the Flyway migrations in {@code db/migration} before anything of ours writes. */
@ApplicationScoped
public class DatabaseMigrations {

    private static final Logger LOG = Logger.getLogger(DatabaseMigrations.class);

    void migrate(@Observes @Priority(10) StartupEvent ev, AgroalDataSource dataSource) {
        var result = Flyway.configure(Thread.currentThread().getContextClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                // the workflow engine creates its ACT_* tables while the application starts, before
                // this runs: a schema holding only those is new to Flyway, so baseline below V1
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        LOG.infof("database schema at version %s (%d migrations applied)",
                result.targetSchemaVersion == null ? "current" : result.targetSchemaVersion, result.migrationsExecuted);
    }
}
