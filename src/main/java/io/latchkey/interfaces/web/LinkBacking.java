package io.latchkey.interfaces.web;

import io.latchkey.application.AccountLinkingService;
import io.latchkey.application.SignInOutcome;
import io.latchkey.application.exceptions.BusinessException;
import io.latchkey.infrastructure.security.PendingLink;
import io.latchkey.infrastructure.security.SessionSignIns;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * {@code link.xhtml}: the owner of an existing account confirms, with its password, that the
 * provider identity carrying the same verified email is theirs. The pending link lives only in this
 * browser's session; the form also carries its id, so a stale or tampered form changes nothing.
 */
@Named
@RequestScoped
public class LinkBacking {

  @Inject SessionSignIns sessions;
  @Inject AccountLinkingService linking;
  @Inject FacesContext facesContext;

  private Optional<PendingLink> pending;
  private String pendingId;
  private String password;

  /** The pending link of this session, or null when there is none (or it expired). */
  public PendingLink getPending() {
    if (pending == null) {
      pending = sessions.pendingLink(request());
    }
    return pending.orElse(null);
  }

  public void link() {
    Optional<PendingLink> current = sessions.pendingLink(request());
    if (current.isEmpty() || !current.get().id().equals(pendingId)) {
      Messages.error("link.stale");
      return;
    }
    PendingLink link = current.get();
    SignInOutcome outcome;
    try {
      outcome =
          linking.linkWithPassword(
              link.accountId(), link.identity(), password, request().getRemoteAddr());
    } catch (BusinessException e) {
      sessions.clearPendingLink(request());
      Messages.error(e.messageKey());
      return;
    }
    if (outcome instanceof SignInOutcome.SignedIn signedIn) {
      sessions.clearPendingLink(request());
      sessions.start(request(), signedIn.account());
      Messages.redirect("/account?notice=linked");
    } else if (outcome instanceof SignInOutcome.Refused refused
        && refused.reason() == SignInOutcome.Reason.DISABLED) {
      Messages.error("login.disabled");
    } else {
      Messages.error("link.failed");
    }
  }

  /** Nothing is linked, nothing is written, and the session ends. */
  public void cancel() {
    sessions.end(request(), (HttpServletResponse) facesContext.getExternalContext().getResponse());
    try {
      facesContext
          .getExternalContext()
          .redirect(request().getContextPath() + "/login?link-cancelled=true");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpServletRequest request() {
    return (HttpServletRequest) facesContext.getExternalContext().getRequest();
  }

  public String getPendingId() {
    if (pendingId == null && getPending() != null) {
      pendingId = getPending().id();
    }
    return pendingId;
  }

  public void setPendingId(String pendingId) {
    this.pendingId = pendingId;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }
}
