package io.latchkey.application;

import io.latchkey.domain.ApiGrant;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** An API grant as the account page and the admin's user page show it; never its token. */
public record ApiGrantView(
    String id,
    long identityId,
    List<String> scopes,
    Instant grantedAt,
    Instant lastUsedAt,
    boolean revoked) {

  static ApiGrantView of(ApiGrant grant) {
    return new ApiGrantView(
        grant.getId(),
        grant.getIdentityId(),
        Arrays.stream(grant.getScopes().split(" ")).filter(s -> !s.isEmpty()).toList(),
        grant.getGrantedAt(),
        grant.getLastUsedAt().orElse(null),
        grant.isRevoked());
  }
}
