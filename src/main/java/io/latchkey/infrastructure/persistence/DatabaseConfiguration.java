package io.latchkey.infrastructure.persistence;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Declares the application's pooled data source. The connection settings are read by {@link
 * ConfiguredDataSource}, not written here.
 */
@DataSourceDefinition(
    name = DatabaseConfiguration.DATA_SOURCE,
    className = "io.latchkey.infrastructure.persistence.ConfiguredDataSource",
    minPoolSize = 1,
    maxPoolSize = 32,
    transactional = true)
@ApplicationScoped
public class DatabaseConfiguration {

  /** The JNDI name used by persistence.xml, the migrations and the health check. */
  public static final String DATA_SOURCE = "java:app/jdbc/latchkey";
}
