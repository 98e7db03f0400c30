package io.latchkey.interfaces.web;

import io.latchkey.application.ProviderMetadata;
import io.latchkey.application.SignInOutcome;
import io.latchkey.interfaces.web.security.SignInResults;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code login.xhtml} (served at {@code /login}): email and password, handed to Jakarta Security.
 */
@Named
@RequestScoped
public class SignInBacking {

  @Inject SecurityContext securityContext;
  @Inject SignInResults results;
  @Inject FacesContext facesContext;
  @Inject ProviderMetadata provider;

  /**
   * Whether the provider's discovery document contradicts the configuration (as the last look found
   * it): its button then says that sign-in with it is unavailable.
   */
  public boolean isProviderUnavailable() {
    return provider.lastKnownInconsistency().isPresent();
  }

  private String email;
  private String password;
  private boolean signedOut;
  private boolean accountDeleted;
  private boolean registered;
  private boolean linkCancelled;

  public void signIn() {
    if (email == null || password == null) {
      // A hand-made POST without the fields: the same answer as a wrong password, nothing else.
      Messages.error("signIn.failed");
      return;
    }
    ExternalContext external = facesContext.getExternalContext();
    AuthenticationStatus status =
        securityContext.authenticate(
            (HttpServletRequest) external.getRequest(),
            (HttpServletResponse) external.getResponse(),
            AuthenticationParameters.withParams()
                .credential(new UsernamePasswordCredential(email, new Password(password)))
                .newAuthentication(true));
    password = null;
    switch (status) {
      case SUCCESS -> Messages.redirect("/account");
      case SEND_CONTINUE -> facesContext.responseComplete();
      default ->
          Messages.error(
              results.outcome().orElse(null) instanceof SignInOutcome.Refused refused
                      && refused.reason() == SignInOutcome.Reason.DISABLED
                  ? "signIn.disabled"
                  : "signIn.failed");
    }
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public boolean isSignedOut() {
    return signedOut;
  }

  public void setSignedOut(boolean signedOut) {
    this.signedOut = signedOut;
  }

  public boolean isAccountDeleted() {
    return accountDeleted;
  }

  public void setAccountDeleted(boolean accountDeleted) {
    this.accountDeleted = accountDeleted;
  }

  public boolean isLinkCancelled() {
    return linkCancelled;
  }

  public void setLinkCancelled(boolean linkCancelled) {
    this.linkCancelled = linkCancelled;
  }

  public boolean isRegistered() {
    return registered;
  }

  public void setRegistered(boolean registered) {
    this.registered = registered;
  }
}
