package io.latchkey.domain;

import java.util.Collection;
import java.util.Map;

/** How pages name accounts they only know by id (the actors of audit entries). */
public interface AccountNames {

  /** The accounts among {@code ids} that still exist, in one query. */
  Map<Long, AccountName> of(Collection<Long> ids);

  /**
   * @param email null for an account without one
   */
  record AccountName(long id, String email, String displayName) {}
}
