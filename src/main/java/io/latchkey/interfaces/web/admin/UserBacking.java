package io.latchkey.interfaces.web.admin;

import io.latchkey.application.AccountAdministrationService;
import io.latchkey.application.AccountDetails;
import io.latchkey.application.AccountView;
import io.latchkey.application.exceptions.BusinessException;
import io.latchkey.interfaces.web.security.SignedInSession;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/** {@code admin/user.xhtml}: one account, its identities, roles and recent audit entries. */
@Named
@RequestScoped
public class UserBacking {

  @Inject AccountAdministrationService administration;
  @Inject HttpServletRequest request;

  private Long id;
  private AccountDetails details;
  private boolean missing;

  /** The account, or null when the id names none (the page says so). */
  public AccountDetails getDetails() {
    if (details == null && !missing) {
      if (id == null) {
        missing = true;
      } else {
        try {
          details = administration.details(id);
        } catch (BusinessException notFound) {
          missing = true;
        }
      }
    }
    return details;
  }

  /** The account itself (of {@link #getDetails()}). */
  public AccountView getUser() {
    return getDetails() == null ? null : details.account();
  }

  /** The actions the console offers for the account as it is (besides unlinking and roles). */
  public java.util.List<AdminAction> getActions() {
    if (getUser() == null) {
      return java.util.List.of();
    }
    return getUser().isActive()
        ? java.util.List.of(AdminAction.DISABLE, AdminAction.END_SESSIONS, AdminAction.DELETE)
        : java.util.List.of(AdminAction.ENABLE, AdminAction.DELETE);
  }

  /** The token every link to {@code admin/action} carries ({@link ActionBacking#arrive()}). */
  public String getLinkToken() {
    return SignedInSession.in(request.getSession(false)).map(SignedInSession::linkToken).orElse("");
  }

  public Long getId() {
    return id;
  }

  public void setId(Long id) {
    this.id = id;
  }
}
