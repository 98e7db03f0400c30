package io.latchkey.application;

import java.util.List;

/** Everything the admin console shows about one account. */
public record AccountDetails(
    AccountView account,
    List<LinkedIdentityView> identities,
    List<RoleGrantView> roles,
    SessionList sessions,
    List<ApiGrantView> apiGrants,
    List<AuditEntryView> recentAudit) {

  public AccountDetails {
    identities = List.copyOf(identities);
    roles = List.copyOf(roles);
    apiGrants = List.copyOf(apiGrants);
    recentAudit = List.copyOf(recentAudit);
  }
}
