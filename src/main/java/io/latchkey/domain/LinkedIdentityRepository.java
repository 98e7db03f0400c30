package io.latchkey.domain;

import java.util.Optional;

/**
 * Finds links between provider identities and accounts. Links are added and removed through their
 * account ({@link Account#link}, {@link Account#unlink}).
 */
public interface LinkedIdentityRepository {

  /** The link of this subject, with its account. */
  Optional<LinkedIdentity> find(IdentityKey subject);
}
