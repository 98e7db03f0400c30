package io.latchkey.interfaces.web.account;

import io.latchkey.application.SignInOutcome;
import io.latchkey.application.settings.OpenIdSettings;
import io.latchkey.interfaces.web.CurrentAccount;
import io.latchkey.interfaces.web.Messages;
import io.latchkey.interfaces.web.security.AuthPaths;
import io.latchkey.interfaces.web.security.PasswordConfirmation;
import io.latchkey.interfaces.web.security.ReturnTo;
import io.latchkey.interfaces.web.security.Sessions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code account/confirm.xhtml}: authenticate again before a sensitive change (linking or removing
 * an identity, setting a password, an admin action) when the last authentication is older than the
 * re-authentication window (steps R1–R3 in {@code docs/architecture.md}). With the password if the
 * account has one, else at the provider ({@code prompt=login}).
 */
@Named
@RequestScoped
public class ConfirmBacking {

  @Inject CurrentAccount currentAccount;
  @Inject PasswordConfirmation passwords;
  @Inject Sessions sessions;
  @Inject OpenIdSettings openId;
  @Inject AuthPaths paths;
  @Inject FacesContext facesContext;

  private ReturnTo then = ReturnTo.ACCOUNT;
  private String password;

  /**
   * Where to go next: the provider flow that links an identity, the admin console, or the account.
   */
  public String getThen() {
    return then.key();
  }

  public void setThen(String then) {
    this.then = ReturnTo.ofKey(then);
  }

  /** R1 at the provider: the flow that re-authenticates a provider-only account. */
  public String getProviderUrl() {
    return request().getContextPath() + paths.reauthenticate(openId.getProviderId(), then);
  }

  /** R2: the password through Jakarta Security's identity stores; R3: the window restarts. */
  public void confirm() {
    SignInOutcome outcome =
        passwords.confirm(
            currentAccount.getAccount().id(), currentAccount.getAccount().email(), password);
    password = null;
    if (!(outcome instanceof SignInOutcome.SignedIn)) {
      Messages.error("signIn.failed");
      return;
    }
    sessions.reauthenticated(request());
    Messages.redirect(
        switch (then) {
          case LINK -> paths.link(openId.getProviderId());
          case ADMIN -> "/admin/users";
          case ACCOUNT -> "/account";
        });
  }

  private HttpServletRequest request() {
    return (HttpServletRequest) facesContext.getExternalContext().getRequest();
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }
}
