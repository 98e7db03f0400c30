package io.latchkey.interfaces.web;

import io.latchkey.application.AccountLinkingService;
import io.latchkey.application.SignInOutcome;
import io.latchkey.interfaces.web.security.AuthPaths;
import io.latchkey.interfaces.web.security.PasswordConfirmation;
import io.latchkey.interfaces.web.security.PendingLink;
import io.latchkey.interfaces.web.security.ProviderFlows;
import io.latchkey.interfaces.web.security.Sessions;
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
 * identity carrying the same verified email is theirs (steps L1–L3 in {@code
 * docs/architecture.md}). The pending link lives only in this browser's session; the form also
 * carries its id, so a stale or tampered form changes nothing.
 */
@Named
@RequestScoped
public class LinkBacking {

  @Inject Sessions sessions;
  @Inject ProviderFlows flows;
  @Inject PasswordConfirmation passwords;
  @Inject AccountLinkingService linking;
  @Inject FacesContext facesContext;

  private Optional<PendingLink> pending;
  private String pendingId;
  private String password;

  /** The pending link of this session, or null when there is none (or it expired). */
  public PendingLink getPending() {
    if (pending == null) {
      pending = flows.pendingLink(request());
    }
    return pending.orElse(null);
  }

  /**
   * L2: the password goes through Jakarta Security's identity stores, for exactly the account the
   * identity waits for. L3: the identity is linked and the account signed in (steps 8–9).
   */
  public void link() {
    flows.confirmPendingLink(request(), this::confirm);
  }

  private void confirm(Optional<PendingLink> current) {
    if (current.isEmpty() && sessions.endedMeanwhile(request())) {
      // The same form was sent twice and the first request linked and signed in, under a new
      // session id: that answer stands, and this one leads to where it led.
      redirect("/account");
      return;
    }
    if (current.isEmpty() || !current.get().id().equals(pendingId)) {
      Messages.error("link.stale");
      return;
    }
    PendingLink link = current.get();
    SignInOutcome outcome = passwords.confirm(link.accountId(), link.accountEmail(), password);
    password = null;
    if (outcome instanceof SignInOutcome.SignedIn) {
      flows.clearPendingLink(request());
      outcome = linking.linkConfirmed(link.accountId(), link.identity(), request().getRemoteAddr());
    }
    if (outcome instanceof SignInOutcome.SignedIn signedIn) {
      sessions.startWithPassword(request(), signedIn.account());
      Messages.redirect(AuthPaths.accountPage(signedIn.notice(), signedIn.identitiesRemoved()));
    } else if (outcome instanceof SignInOutcome.Refused refused) {
      Messages.error(
          switch (refused.reason()) {
            case DISABLED -> "signIn.disabled";
            case IDENTITY_LINKED_ELSEWHERE -> "link.linkedElsewhere";
            default -> "link.failed";
          });
    } else {
      Messages.error("link.failed");
    }
  }

  /** Nothing is linked, nothing is written, and the session ends. */
  public void cancel() {
    sessions.end(request(), (HttpServletResponse) facesContext.getExternalContext().getResponse());
    redirect("/login?link-cancelled=true");
  }

  private void redirect(String path) {
    try {
      facesContext.getExternalContext().redirect(request().getContextPath() + path);
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
