package io.latchkey.infrastructure.persistence;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Declares the application's pooled data source. The connection settings are read by {@link
 * ConfiguredDataSource}, not written here.
 *
 * <p>The one property, {@code settings}, is there for WildFly: its connection pool (IronJacamar)
 * refuses a {@code DataSource} class without at least one connection property ({@code IJ031103}).
 * Both servers set it through {@link ConfiguredDataSource#setSettings(String)}, which checks that
 * it names the settings the class reads.
 */
@DataSourceDefinition(
    name = DatabaseConfiguration.DATA_SOURCE,
    className = "io.latchkey.infrastructure.persistence.ConfiguredDataSource",
    minPoolSize = 1,
    maxPoolSize = 32,
    transactional = true,
    properties = "settings=" + ConfiguredDataSource.SETTINGS)
@ApplicationScoped
public class DatabaseConfiguration {

  /** The JNDI name used by persistence.xml, the migrations and the health check. */
  public static final String DATA_SOURCE = "java:app/jdbc/latchkey";
}
