package io.latchkey.interfaces.web.account;

import io.latchkey.application.AccountView;
import io.latchkey.application.SignInOutcome;
import io.latchkey.application.SignInService;
import io.latchkey.infrastructure.security.OpenIdSettings;
import io.latchkey.infrastructure.security.SessionSignIns;
import io.latchkey.interfaces.web.ActiveUser;
import io.latchkey.interfaces.web.Messages;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code account/confirm.xhtml}: authenticate again before a sensitive change (connecting or
 * removing an identity, setting a password) when the last sign-in is older than the
 * re-authentication window. With the password if the account has one, else with the provider
 * ({@code prompt=login}).
 */
@Named
@RequestScoped
public class ConfirmBacking {

  @Inject ActiveUser activeUser;
  @Inject SignInService signIns;
  @Inject SessionSignIns sessions;
  @Inject OpenIdSettings openId;
  @Inject FacesContext facesContext;

  private String then;
  private String password;

  /** Where to go next: {@code connect} (the provider flow), the admin console, or the account. */
  public String getThen() {
    return "connect".equals(then) || "admin".equals(then) ? then : "account";
  }

  public void setThen(String then) {
    this.then = then;
  }

  /** The provider flow that re-authenticates a provider-only account. */
  public String getProviderUrl() {
    return request().getContextPath()
        + "/auth/"
        + openId.getProviderId()
        + "/reauthenticate?then="
        + getThen();
  }

  public void confirm() {
    AccountView account = activeUser.getAccount();
    SignInOutcome outcome =
        signIns.signInWithPassword(account.email(), password, request().getRemoteAddr());
    password = null;
    if (outcome instanceof SignInOutcome.SignedIn signedIn
        && signedIn.account().id() == account.id()) {
      sessions.reauthenticated(request());
      Messages.redirect(
          switch (getThen()) {
            case "connect" -> "/auth/" + openId.getProviderId() + "/connect";
            case "admin" -> "/admin/users";
            default -> "/account";
          });
    } else {
      Messages.error("login.failed");
    }
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
