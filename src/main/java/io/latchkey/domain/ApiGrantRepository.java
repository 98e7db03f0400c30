package io.latchkey.domain;

import java.util.List;
import java.util.Optional;

/** The API grants of accounts ({@link ApiGrant}). */
public interface ApiGrantRepository {

  void add(ApiGrant grant);

  Optional<ApiGrant> find(String id);

  /** The grant made through a linked identity, if any. */
  Optional<ApiGrant> ofIdentity(long identityId);

  /** The account's grants, oldest first. */
  List<ApiGrant> ofAccount(long accountId);

  /** Grants whose token is sealed under the key {@code keyId}, at most {@code max}. */
  List<ApiGrant> sealedWith(String keyId, int max);

  void remove(ApiGrant grant);
}
