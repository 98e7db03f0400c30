package io.latchkey.infrastructure.persistence;

import java.sql.SQLException;

/** Recognises a unique-constraint violation behind a JPA exception, on every supported database. */
final class UniqueViolations {

  private UniqueViolations() {}

  /** SQLSTATE class 23 is "integrity constraint violation" on H2 and PostgreSQL alike. */
  static boolean isUniqueViolation(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("23")) {
        return true;
      }
    }
    return false;
  }
}
