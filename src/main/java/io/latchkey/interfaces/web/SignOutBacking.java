package io.latchkey.interfaces.web;

import io.latchkey.application.AccountService;
import io.latchkey.infrastructure.security.SessionSignIns;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The sign-out button of every page (a POST with the view state, so no link can sign you out). */
@Named
@RequestScoped
public class SignOutBacking {

  @Inject AccountService accounts;
  @Inject ActiveUser activeUser;
  @Inject SessionSignIns sessions;
  @Inject FacesContext facesContext;

  public void signOut() {
    HttpServletRequest request =
        (HttpServletRequest) facesContext.getExternalContext().getRequest();
    activeUser.account().ifPresent(a -> accounts.signedOut(a.id(), request.getRemoteAddr()));
    sessions.end(request, (HttpServletResponse) facesContext.getExternalContext().getResponse());
    try {
      // Not Messages.redirect: the flash would need the session that just ended.
      facesContext
          .getExternalContext()
          .redirect(request.getContextPath() + "/login?signed-out=true");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
