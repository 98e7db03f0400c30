package io.latchkey.interfaces.web.admin;

import io.latchkey.application.AccountAdministrationService;
import io.latchkey.application.exceptions.BusinessException;
import io.latchkey.application.settings.SecuritySettings;
import io.latchkey.interfaces.web.CurrentAccount;
import io.latchkey.interfaces.web.Messages;
import io.latchkey.interfaces.web.security.Sessions;
import io.latchkey.interfaces.web.security.SignedInSession;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * {@code admin/action.xhtml}: confirms one action on one account, with the admin's reason. The page
 * opens only through the console's own links, which carry the sign-in's link token ({@link
 * SignedInSession#linkToken()}): a typed or forged URL goes back to the console. The action is a
 * POST with the form token; an admin whose own authentication is older than 15 minutes confirms
 * first. What the link named (action, account, identity) travels with the form in hidden fields.
 *
 * <p>Why not a Faces protected view, which does the same: Mojarra then makes a token for every HTTP
 * session when it is created, with a new AES key and cipher each time, 5% of every sign-in's CPU
 * (two sessions per sign-in) for a page that admins open.
 */
@Named
@RequestScoped
public class ActionBacking {

  @Inject AccountAdministrationService administration;
  @Inject CurrentAccount currentAccount;
  @Inject Sessions sessions;
  @Inject SecuritySettings settings;
  @Inject HttpServletRequest request;

  private String action;
  private Long id;
  private Long identity;
  private String session;
  private String grant;
  private String reason;
  private String token;

  /** Opening the page (not its postback): only with the link token of this sign-in. */
  public void arrive() {
    if (SignedInSession.in(request.getSession(false))
        .filter(signedIn -> signedIn.linkTokenIs(token))
        .isEmpty()) {
      Messages.error("admin.action.startFromConsole");
      Messages.redirect("/admin/users");
    }
  }

  /** Whether the parameters name a known action on an account. */
  public boolean isValid() {
    Optional<AdminAction> known = AdminAction.ofKey(action);
    return known.isPresent()
        && id != null
        && (known.get() != AdminAction.UNLINK || identity != null)
        && (known.get() != AdminAction.END_SESSION || (session != null && !session.isBlank()))
        && (known.get() != AdminAction.REVOKE_GRANT || (grant != null && !grant.isBlank()));
  }

  /** The message key describing the action. */
  public String getDescriptionKey() {
    return "admin.action." + action;
  }

  public void confirm() {
    if (!isValid()) {
      Messages.error("admin.action.unknown");
      return;
    }
    if (!sessions.authenticatedWithin(request, settings.adminReauthenticateAfter())) {
      Messages.error("confirm.first");
      Messages.redirect("/account/confirm?then=admin");
      return;
    }
    AdminAction known = AdminAction.ofKey(action).orElseThrow();
    long adminId = currentAccount.getAccount().id();
    String address = request.getRemoteAddr();
    try {
      switch (known) {
        case DISABLE -> administration.disable(adminId, id, reason, address);
        case ENABLE -> administration.enable(adminId, id, reason, address);
        case UNLINK -> administration.unlinkIdentity(adminId, id, identity, reason, address);
        case GRANT_ADMIN -> administration.grantAdmin(adminId, id, reason, address);
        case REVOKE_ADMIN -> administration.revokeAdmin(adminId, id, reason, address);
        case END_SESSIONS -> administration.endSessions(adminId, id, reason, address);
        case END_SESSION -> administration.endSession(adminId, id, session, reason, address);
        case REVOKE_GRANT -> administration.revokeApiGrant(adminId, id, grant, reason, address);
        case DELETE -> administration.delete(adminId, id, reason, address);
      }
    } catch (BusinessException e) {
      Messages.error(e.messageKey());
      return;
    }
    Messages.info("admin.done");
    Messages.redirect(known == AdminAction.DELETE ? "/admin/users" : "/admin/user?id=" + id);
  }

  public String getAction() {
    return action;
  }

  public void setAction(String action) {
    this.action = action;
  }

  public Long getId() {
    return id;
  }

  public void setId(Long id) {
    this.id = id;
  }

  public Long getIdentity() {
    return identity;
  }

  public void setIdentity(Long identity) {
    this.identity = identity;
  }

  /** The record id of the session to end ({@code end-session}). */
  public String getSession() {
    return session;
  }

  public void setSession(String session) {
    this.session = session;
  }

  public String getGrant() {
    return grant;
  }

  public void setGrant(String grant) {
    this.grant = grant;
  }

  public String getToken() {
    return token;
  }

  public void setToken(String token) {
    this.token = token;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }
}
