package io.latchkey.interfaces.web.admin;

import io.latchkey.application.AccountAdministrationService;
import io.latchkey.application.exceptions.BusinessException;
import io.latchkey.infrastructure.security.SessionSignIns;
import io.latchkey.interfaces.web.ActiveUser;
import io.latchkey.interfaces.web.Messages;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;

/**
 * {@code admin/action.xhtml}: confirms one action on one account, with the admin's reason. The page
 * is a protected view (reachable only through the console's own links) and the action a POST with
 * the view state; an admin whose own authentication is older than 15 minutes confirms first. What
 * the link named (action, account, identity) travels with the form in hidden fields.
 */
@Named
@RequestScoped
public class ActionBacking {

  private static final Set<String> ACTIONS =
      Set.of(
          "disable", "enable", "unlink", "grant-admin", "revoke-admin", "end-sessions", "delete");

  @Inject AccountAdministrationService administration;
  @Inject ActiveUser activeUser;
  @Inject SessionSignIns sessions;
  @Inject HttpServletRequest request;

  private String action;
  private Long id;
  private Long identity;
  private String reason;

  /** Whether the parameters name a known action on an account. */
  public boolean isValid() {
    return action != null
        && ACTIONS.contains(action)
        && id != null
        && (!"unlink".equals(action) || identity != null);
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
    if (!sessions.adminAuthenticatedRecently(request)) {
      Messages.error("confirm.first");
      Messages.redirect("/account/confirm?then=admin");
      return;
    }
    long adminId = activeUser.getAccount().id();
    String address = request.getRemoteAddr();
    try {
      switch (action) {
        case "disable" -> administration.disable(adminId, id, reason, address);
        case "enable" -> administration.enable(adminId, id, reason, address);
        case "unlink" -> administration.unlinkIdentity(adminId, id, identity, reason, address);
        case "grant-admin" -> administration.grantAdmin(adminId, id, reason, address);
        case "revoke-admin" -> administration.revokeAdmin(adminId, id, reason, address);
        case "end-sessions" -> administration.endSessions(adminId, id, reason, address);
        case "delete" -> administration.delete(adminId, id, reason, address);
        default -> throw new IllegalStateException(action);
      }
    } catch (BusinessException e) {
      Messages.error(e.messageKey());
      return;
    }
    Messages.info("admin.done");
    Messages.redirect("delete".equals(action) ? "/admin/users" : "/admin/user?id=" + id);
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

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }
}
