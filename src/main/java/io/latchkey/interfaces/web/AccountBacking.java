package io.latchkey.interfaces.web;

import io.latchkey.application.AccountService;
import io.latchkey.application.AccountView;
import io.latchkey.application.LinkedIdentityView;
import io.latchkey.application.exceptions.BusinessException;
import io.latchkey.infrastructure.security.SessionSignIns;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/** {@code account.xhtml}: who I am, how I sign in, and changing my password. */
@Named
@RequestScoped
public class AccountBacking {

  @Inject AccountService accounts;
  @Inject ActiveUser activeUser;
  @Inject SessionSignIns sessions;
  @Inject HttpServletRequest request;

  private List<LinkedIdentityView> identities;
  private String currentPassword;
  private String newPassword;
  private String newPasswordAgain;

  /** The provider identities linked to this account (read once per request). */
  public List<LinkedIdentityView> getIdentities() {
    if (identities == null) {
      identities = accounts.linkedIdentities(activeUser.id());
    }
    return identities;
  }

  public void changePassword() {
    if (!newPassword.equals(newPasswordAgain)) {
      Messages.errorOn("password:newPasswordAgain", "password.mismatch");
      return;
    }
    try {
      AccountView changed =
          accounts.changePassword(
              activeUser.id(), currentPassword, newPassword, request.getRemoteAddr());
      sessions.renew(request, changed);
    } catch (BusinessException e) {
      Messages.error(e.messageKey());
      return;
    }
    Messages.info("password.changed");
    Messages.redirect("/account");
  }

  public String getCurrentPassword() {
    return currentPassword;
  }

  public void setCurrentPassword(String currentPassword) {
    this.currentPassword = currentPassword;
  }

  public String getNewPassword() {
    return newPassword;
  }

  public void setNewPassword(String newPassword) {
    this.newPassword = newPassword;
  }

  public String getNewPasswordAgain() {
    return newPasswordAgain;
  }

  public void setNewPasswordAgain(String newPasswordAgain) {
    this.newPasswordAgain = newPasswordAgain;
  }
}
