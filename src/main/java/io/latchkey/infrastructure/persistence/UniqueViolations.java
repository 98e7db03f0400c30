package io.latchkey.infrastructure.persistence;

import java.sql.SQLException;
import java.util.Locale;

/**
 * Recognises, behind a JPA exception, the one violation that means "a concurrent sign-in or
 * registration got there first": a unique-key violation of the account's email or of an identity's
 * (issuer, subject). Any other integrity violation (NOT NULL, a foreign key, another unique key) is
 * a bug and must surface as one, not be retried as a race.
 */
final class UniqueViolations {

  /** SQLSTATE 23505, unique_violation, on H2 and PostgreSQL alike. */
  static final String UNIQUE_VIOLATION = "23505";

  /** The constraints whose violation is a lost race (see V1__accounts_identities_audit.sql). */
  static final String[] RACE_CONSTRAINTS = {
    "uk_account_email", "uk_linked_identity_issuer_subject"
  };

  private UniqueViolations() {}

  static boolean isLostRace(Throwable e) {
    return isViolationOf(e, RACE_CONSTRAINTS);
  }

  /**
   * A unique-key violation whose message names one of these constraints, indexes or tables (both
   * databases name them in the message).
   */
  static boolean isViolationOf(Throwable e, String... names) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql
          && UNIQUE_VIOLATION.equals(sql.getSQLState())
          && names(sql.getMessage(), names)) {
        return true;
      }
    }
    return false;
  }

  private static boolean names(String message, String... names) {
    if (message == null) {
      return false;
    }
    String lower = message.toLowerCase(Locale.ROOT);
    for (String name : names) {
      if (lower.contains(name)) {
        return true;
      }
    }
    return false;
  }
}
