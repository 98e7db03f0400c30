package io.latchkey.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Only a unique-key violation of the email or the identity key is a lost sign-in race. */
class UniqueViolationsTest {

  @Test
  void aDuplicateEmailOrIdentityOnEitherDatabaseIsALostRace() {
    assertTrue(
        UniqueViolations.isLostRace(
            wrapped(
                "duplicate key value violates unique constraint \"uk_account_email\"", "23505")));
    assertTrue(
        UniqueViolations.isLostRace(
            wrapped(
                "Unique index or primary key violation: \"PUBLIC.UK_LINKED_IDENTITY_ISSUER_SUBJECT"
                    + "_INDEX_8 ON PUBLIC.LINKED_IDENTITY(ISSUER, SUBJECT)\"",
                "23505")));
  }

  @Test
  void otherIntegrityViolationsAreNotRaces() {
    assertFalse(
        UniqueViolations.isLostRace(wrapped("null value in column \"email\"", "23502")),
        "NOT NULL");
    assertFalse(
        UniqueViolations.isLostRace(
            wrapped("violates foreign key constraint \"fk_role_grant_account\"", "23503")),
        "foreign key");
    assertFalse(
        UniqueViolations.isLostRace(
            wrapped("duplicate key value violates unique constraint \"pk_audit\"", "23505")),
        "another unique key");
    assertFalse(UniqueViolations.isLostRace(new PersistenceException("no SQL cause")));
  }

  private static PersistenceException wrapped(String message, String sqlState) {
    return new PersistenceException(
        "flush failed", new RuntimeException(new SQLException(message, sqlState)));
  }
}
