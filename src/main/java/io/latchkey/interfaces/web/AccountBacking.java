package io.latchkey.interfaces.web;

import io.latchkey.application.AccountLinkingService;
import io.latchkey.application.AccountService;
import io.latchkey.application.AccountView;
import io.latchkey.application.ApiGrantView;
import io.latchkey.application.ApiGrants;
import io.latchkey.application.LinkedIdentityView;
import io.latchkey.application.SessionList;
import io.latchkey.application.SessionRecords;
import io.latchkey.application.SessionView;
import io.latchkey.application.SignInOutcome;
import io.latchkey.application.exceptions.BusinessException;
import io.latchkey.application.settings.OpenIdSettings;
import io.latchkey.interfaces.web.security.AuthPaths;
import io.latchkey.interfaces.web.security.PasswordConfirmation;
import io.latchkey.interfaces.web.security.Sessions;
import io.latchkey.interfaces.web.security.SignedInSession;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;

/**
 * {@code account.xhtml}: who I am, how I sign in, which services I connected, where I am signed in,
 * and my password.
 */
@Named
@RequestScoped
public class AccountBacking {

  /** The sessions listed one by one; "End all other sessions" reaches the rest too. */
  static final int LISTED_SESSIONS = 10;

  @Inject AccountService accounts;
  @Inject CurrentAccount currentAccount;
  @Inject Sessions sessions;
  @Inject HttpServletRequest request;

  @Inject AccountLinkingService linking;
  @Inject PasswordConfirmation passwords;
  @Inject SessionRecords sessionRecords;
  @Inject ApiGrants apiGrants;
  @Inject AuthPaths authPaths;
  @Inject OpenIdSettings openId;
  @Inject FacesContext facesContext;

  private List<LinkedIdentityView> identities;
  private List<ApiGrantView> grants;
  private SessionList listedSessions;
  private String notice;
  private int removed;
  private String currentPassword;
  private String newPassword;
  private String newPasswordAgain;
  private boolean understood;

  /** The provider identities linked to this account (read once per request). */
  public List<LinkedIdentityView> getIdentities() {
    if (identities == null) {
      identities = accounts.linkedIdentities(currentAccount.id());
    }
    return identities;
  }

  /** The API grants of this account (read once per request). */
  public List<ApiGrantView> getGrants() {
    if (grants == null) {
      grants = apiGrants.grantsOf(currentAccount.id());
    }
    return grants;
  }

  /**
   * One identity of this provider (those that can connect its API) and its grant, if it made one.
   *
   * @param grant null when not connected
   */
  public record ApiRow(LinkedIdentityView identity, ApiGrantView grant) {
    public boolean isConnected() {
      return grant != null;
    }

    /** Connected, but the provider withdrew the grant: offer to connect again. */
    public boolean isRevoked() {
      return grant != null && grant.revoked();
    }
  }

  /** The rows of the "Connected services" section. */
  public List<ApiRow> getApiRows() {
    return getIdentities().stream()
        .filter(identity -> identity.issuer().equals(openId.getIssuer()))
        .map(
            identity ->
                new ApiRow(
                    identity,
                    getGrants().stream()
                        .filter(grant -> grant.identityId() == identity.id())
                        .findFirst()
                        .orElse(null)))
        .toList();
  }

  /** The start of a connect flow for one identity. */
  public String connectPath(LinkedIdentityView identity) {
    return request.getContextPath() + authPaths.connect(openId.getProviderId(), identity.id());
  }

  /** Ends one of my API grants here and at the provider. */
  public void disconnect(String grantId) {
    boolean ended = apiGrants.disconnect(currentAccount.id(), grantId, request.getRemoteAddr());
    Messages.info(ended ? "api.disconnected" : "api.disconnect.gone");
    Messages.redirect("/account");
  }

  /**
   * Where this account is signed in, most recently used first, this device's session marked and
   * always listed; at most {@link #LISTED_SESSIONS} (read once per request).
   */
  public List<SessionView> getSessions() {
    return listedSessions().listed();
  }

  /** How many of this account's sessions {@link #getSessions()} leaves out. */
  public int getUnlistedSessions() {
    return listedSessions().unlisted();
  }

  /** Whether {@link #getUnlistedSessions()} counted them all (else there are more). */
  public boolean isUnlistedSessionsExact() {
    return listedSessions().exact();
  }

  private SessionList listedSessions() {
    if (listedSessions == null) {
      listedSessions = sessionRecords.of(currentAccount.id(), thisSession(), LISTED_SESSIONS);
    }
    return listedSessions;
  }

  /** Ends another session of mine; it stops at its next request, on whichever instance. */
  public void endSession(String sessionId) {
    boolean ended;
    try {
      ended =
          sessionRecords.endOwn(
              currentAccount.id(), sessionId, thisSession(), request.getRemoteAddr());
    } catch (BusinessException e) {
      Messages.error(e.messageKey());
      return;
    }
    Messages.info(ended ? "sessions.ended" : "sessions.notFound");
    Messages.redirect("/account");
  }

  /** Ends every session of mine but this one. */
  public void endOtherSessions() {
    sessionRecords.endOthers(currentAccount.id(), thisSession(), request.getRemoteAddr());
    Messages.info("sessions.othersEnded");
    Messages.redirect("/account");
  }

  private String thisSession() {
    return sessions.current(request).map(SignedInSession::recordId).orElse(null);
  }

  /** The message key of the notice the previous step left for this page, if any. */
  public String getNoticeKey() {
    SignInOutcome.Notice known = SignInOutcome.Notice.ofKey(notice);
    return known.key() == null ? null : "notice." + known.key();
  }

  /** A notice about a refused change is an error, the others are news. */
  public boolean isNoticeAnError() {
    return SignInOutcome.Notice.ofKey(notice).isError();
  }

  public void unlink(long identityId) {
    if (needsConfirmation()) {
      return;
    }
    try {
      linking.unlink(currentAccount.id(), identityId, request.getRemoteAddr());
    } catch (BusinessException e) {
      Messages.error(e.messageKey());
      return;
    }
    Messages.info("unlink.done");
    Messages.redirect("/account");
  }

  /** A provider-only account gets a password, after a recent authentication at the provider. */
  public void setPassword() {
    if (newPassword == null || !newPassword.equals(newPasswordAgain)) {
      Messages.errorOn("setPassword:newPasswordAgain", "password.mismatch");
      return;
    }
    if (needsConfirmation()) {
      return;
    }
    try {
      AccountView changed =
          accounts.setPassword(currentAccount.id(), newPassword, request.getRemoteAddr());
      sessions.renew(request, changed);
    } catch (BusinessException e) {
      Messages.error(e.messageKey());
      return;
    }
    Messages.info("password.set");
    Messages.redirect("/account");
  }

  /**
   * Deletes my account, after a recent authentication and a ticked "I understand": its connected
   * services are revoked at the provider, every session of it ends, and this browser lands on the
   * sign-in page, signed out.
   */
  public void deleteAccount() {
    if (!understood) {
      Messages.errorOn("deleteAccount:understood", "deleteAccount.understood.required");
      return;
    }
    if (needsConfirmation()) {
      return;
    }
    try {
      accounts.deleteOwn(currentAccount.id(), request.getRemoteAddr());
    } catch (BusinessException e) {
      Messages.error(e.messageKey());
      return;
    }
    sessions.end(request, (HttpServletResponse) facesContext.getExternalContext().getResponse());
    Messages.redirectSignedOut(request.getContextPath() + "/login?account-deleted=true");
  }

  /** Sends a user whose sign-in is not recent to confirm it first (and says so). */
  private boolean needsConfirmation() {
    if (sessions.authenticatedRecently(request)) {
      return false;
    }
    Messages.error("confirm.first");
    Messages.redirect("/account/confirm?then=account");
    return true;
  }

  public void changePassword() {
    if (newPassword == null || !newPassword.equals(newPasswordAgain)) {
      Messages.errorOn("password:newPasswordAgain", "password.mismatch");
      return;
    }
    AccountView me = currentAccount.getAccount();
    SignInOutcome current = passwords.confirm(me.id(), me.email(), currentPassword);
    currentPassword = null;
    if (!(current instanceof SignInOutcome.SignedIn)) {
      Messages.error("password.current.incorrect");
      return;
    }
    try {
      AccountView changed = accounts.changePassword(me.id(), newPassword, request.getRemoteAddr());
      sessions.renew(request, changed);
    } catch (BusinessException e) {
      Messages.error(e.messageKey());
      return;
    }
    Messages.info("password.changed");
    Messages.redirect("/account");
  }

  /** How many identities the verified owner's claim removed (shown beside the notice). */
  public int getRemoved() {
    return removed;
  }

  public void setRemoved(int removed) {
    this.removed = Math.max(0, Math.min(removed, 99));
  }

  public String getNotice() {
    return notice;
  }

  public void setNotice(String notice) {
    this.notice = notice;
  }

  public boolean isUnderstood() {
    return understood;
  }

  public void setUnderstood(boolean understood) {
    this.understood = understood;
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
