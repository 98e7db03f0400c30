package io.latchkey.domain;

import java.time.Instant;

/** Figures about all accounts, each read from an index rather than the table. */
public interface AccountStatistics {

  long total();

  /** Accounts whose last sign-in was at or after {@code since}. */
  long signedInSince(Instant since);

  long disabled();
}
