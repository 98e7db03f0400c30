package io.latchkey.interfaces.web.security;

import io.latchkey.application.AccountView;
import io.latchkey.domain.Role;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The caller as the container knows it, built in this one place: the principal is the local
 * account's id, the groups its roles from our database. Nothing a provider says about groups or
 * roles is used.
 */
final class CallerIdentity {

  private CallerIdentity() {}

  /** What an identity store answers for a credential that signs in to the account. */
  static CredentialValidationResult valid(AccountView account) {
    return new CredentialValidationResult(principal(account), groups(account));
  }

  /** Step 8 (and 10): the container is told who the caller is for this request. */
  static AuthenticationStatus notifyContainer(HttpMessageContext context, AccountView account) {
    return context.notifyContainerAboutLogin(principal(account), groups(account));
  }

  private static CallerPrincipal principal(AccountView account) {
    return new CallerPrincipal(String.valueOf(account.id()));
  }

  private static Set<String> groups(AccountView account) {
    return account.roles().stream().map(Role::groupName).collect(Collectors.toSet());
  }
}
