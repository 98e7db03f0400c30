package io.latchkey.infrastructure.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the database answers within two seconds.
 *
 * <p>Created when the application starts, not at the first health request: WildFly answers health
 * requests on a management thread, where the application's {@code java:app} names cannot be looked
 * up, so injecting the data source there would fail.
 */
@Readiness
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {

  @Resource(lookup = DatabaseConfiguration.DATA_SOURCE)
  DataSource dataSource;

  void createAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // Nothing to do: observing the event makes CDI create this bean (and inject it) now.
  }

  @Override
  public HealthCheckResponse call() {
    try (Connection connection = dataSource.getConnection()) {
      return HealthCheckResponse.named("database").status(connection.isValid(2)).build();
    } catch (SQLException e) {
      return HealthCheckResponse.named("database")
          .down()
          .withData("error", e.getClass().getSimpleName())
          .build();
    }
  }
}
