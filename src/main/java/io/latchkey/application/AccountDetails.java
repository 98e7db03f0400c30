package io.latchkey.application;

import java.util.List;

/** Everything the admin console shows about one account. */
public record AccountDetails(
    AccountView account,
    List<LinkedIdentityView> identities,
    List<RoleGrantView> roles,
    List<SessionView> sessions,
    List<ApiGrantView> apiGrants,
    List<AuditEntryView> recentAudit) {

  public AccountDetails {
    identities = List.copyOf(identities);
    roles = List.copyOf(roles);
    sessions = List.copyOf(sessions);
    apiGrants = List.copyOf(apiGrants);
    recentAudit = List.copyOf(recentAudit);
  }
}
