package io.latchkey.testing.fakes;

import io.latchkey.domain.ApiGrant;
import io.latchkey.domain.ApiGrantRepository;
import io.latchkey.domain.SealedToken;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API grants in a map, with the semantics of the JPA repository: an account's grants oldest first
 * (then by id), and {@code key_id <> :key} never matches a row without a key (a revoked grant), as
 * in SQL. Changes to a kept grant are visible at once, as within one transaction; nothing rolls
 * back.
 */
public final class InMemoryApiGrants implements ApiGrantRepository {

  private final Map<String, ApiGrant> rows = new ConcurrentHashMap<>();

  @Override
  public void add(ApiGrant grant) {
    if (rows.putIfAbsent(grant.getId(), grant) != null) {
      throw new IllegalStateException("duplicate api_grant id");
    }
    if (rows.values().stream()
        .filter(row -> row != grant)
        .anyMatch(row -> row.getIdentityId() == grant.getIdentityId())) {
      rows.remove(grant.getId());
      throw new IllegalStateException("uq_api_grant_identity");
    }
  }

  @Override
  public Optional<ApiGrant> find(String id) {
    return Optional.ofNullable(rows.get(id));
  }

  @Override
  public Optional<ApiGrant> ofIdentity(long identityId) {
    return rows.values().stream().filter(row -> row.getIdentityId() == identityId).findFirst();
  }

  @Override
  public List<ApiGrant> ofAccount(long accountId) {
    return rows.values().stream()
        .filter(row -> row.getAccountId() == accountId)
        .sorted(Comparator.comparing(ApiGrant::getGrantedAt).thenComparing(ApiGrant::getId))
        .toList();
  }

  @Override
  public List<ApiGrant> sealedWith(String keyId, int max) {
    return rows.values().stream()
        .filter(row -> row.getToken().map(SealedToken::keyId).filter(keyId::equals).isPresent())
        .sorted(Comparator.comparing(ApiGrant::getId))
        .limit(max)
        .toList();
  }

  @Override
  public void remove(ApiGrant grant) {
    rows.remove(grant.getId());
  }

  /** Every grant kept, by id. */
  public List<ApiGrant> all() {
    return rows.values().stream().sorted(Comparator.comparing(ApiGrant::getId)).toList();
  }

  public int size() {
    return rows.size();
  }
}
