package io.latchkey.interfaces.web;

import io.latchkey.application.RegistrationService;
import io.latchkey.application.exceptions.BusinessException;
import io.latchkey.domain.DuplicateEmailException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code register.xhtml}. A taken email and a new one end on the same page (see {@link
 * RegistrationService} for why).
 */
@Named
@RequestScoped
public class RegisterBacking {

  @Inject RegistrationService registration;
  @Inject HttpServletRequest request;

  private String email;
  private String displayName;
  private String password;
  private String passwordAgain;

  public void register() {
    if (password == null || !password.equals(passwordAgain)) {
      Messages.errorOn("register:passwordAgain", "password.mismatch");
      return;
    }
    try {
      registration.register(email, displayName, password, request.getRemoteAddr());
    } catch (BusinessException e) {
      Messages.error(e.messageKey());
      return;
    } catch (DuplicateEmailException concurrentRegistration) {
      // Lost a race with a registration of the same email: the same outcome as a taken email.
    }
    Messages.redirect("/login?registered=true");
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getDisplayName() {
    return displayName;
  }

  public void setDisplayName(String displayName) {
    this.displayName = displayName;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public String getPasswordAgain() {
    return passwordAgain;
  }

  public void setPasswordAgain(String passwordAgain) {
    this.passwordAgain = passwordAgain;
  }
}
