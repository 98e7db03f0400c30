package io.latchkey.domain;

import java.util.List;
import java.util.Optional;

/** Where the links between provider identities and accounts are kept. */
public interface LinkedIdentityRepository {

  /** The link of this subject, with its account. */
  Optional<LinkedIdentity> find(ExternalSubject subject);

  List<LinkedIdentity> ofAccount(long accountId);

  /**
   * Adds a link and writes it at once.
   *
   * @throws DuplicateLinkException when the subject is already linked (a concurrent first sign-in
   *     of the same person won the race)
   */
  LinkedIdentity add(LinkedIdentity identity);
}
