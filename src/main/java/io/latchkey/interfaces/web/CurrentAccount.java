package io.latchkey.interfaces.web;

import io.latchkey.application.AccountView;
import io.latchkey.domain.Role;
import io.latchkey.interfaces.web.security.Sessions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Optional;

/**
 * The signed-in account of this request, for the pages: {@code #{currentAccount.signedIn}}, {@code
 * #{currentAccount.is('admin')}}. Read once per request by the authentication mechanism, never from
 * the HTTP session.
 */
@Named
@RequestScoped
public class CurrentAccount {

  @Inject HttpServletRequest request;

  public Optional<AccountView> account() {
    return request.getAttribute(Sessions.CURRENT_ACCOUNT) instanceof AccountView account
        ? Optional.of(account)
        : Optional.empty();
  }

  public boolean isSignedIn() {
    return account().isPresent();
  }

  /** Whether the signed-in account has the role, by its name in web.xml ({@code admin}). */
  public boolean is(String role) {
    return account().map(a -> a.hasRole(Role.valueOf(role.toUpperCase(Locale.ROOT)))).orElse(false);
  }

  /** The account for pages that require sign-in (web.xml makes sure there is one). */
  public AccountView getAccount() {
    return account().orElseThrow(() -> new IllegalStateException("not signed in"));
  }

  long id() {
    return getAccount().id();
  }
}
